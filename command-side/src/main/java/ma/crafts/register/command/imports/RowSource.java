package ma.crafts.register.command.imports;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/** A file's rows, read as a stream and handed over one at a time, the header first (row 1). */
public interface RowSource extends Closeable {

    interface RowHandler {
        /** @return whether to go on reading */
        boolean row(long number, List<String> values) throws InterruptedException;
    }

    void read(RowHandler handler) throws IOException, InterruptedException;

    /** How much of the file has been read so far, in bytes of the upload; for progress and the ETA. */
    long bytesRead();
}
