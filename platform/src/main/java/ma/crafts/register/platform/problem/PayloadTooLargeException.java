package ma.crafts.register.platform.problem;

import java.io.IOException;

/**
 * Thrown by the request body stream once more bytes than allowed have been read. It is an {@link IOException} so
 * that readers of the stream treat it as what it is, a failed read; the platform turns it into a 413.
 */
public class PayloadTooLargeException extends IOException {
    private final long maxBytes;

    public PayloadTooLargeException(long maxBytes) {
        super("The request body exceeds the limit of " + maxBytes + " bytes");
        this.maxBytes = maxBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }
}
