package ma.crafts.register.command.imports;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * The text encodings a CSV file comes in: UTF-8 (with or without a BOM), UTF-16 with a BOM (Excel's "Unicode text")
 * and Windows-1256 (older Arabic tools). Named in the API as {@code utf-8}, {@code utf-16}, {@code windows-1256}.
 */
public enum ImportEncoding {
    UTF_8("utf-8"), UTF_16("utf-16"), WINDOWS_1256("windows-1256");

    static final Charset CP1256 = Charset.forName("windows-1256");
    private static final int CHUNK = 64 * 1024;

    private final String apiName;

    ImportEncoding(String apiName) {
        this.apiName = apiName;
    }

    public String apiName() {
        return apiName;
    }

    public static Optional<ImportEncoding> parse(String apiName) {
        return Arrays.stream(values()).filter(e -> e.apiName.equalsIgnoreCase(apiName)).findFirst();
    }

    /** How to read a file: its encoding, the charset that decodes it, and the BOM bytes to skip. */
    public record Detected(ImportEncoding encoding, Charset charset, int bomLength) {
    }

    /**
     * A byte order mark decides; otherwise the declared encoding, else UTF-8 when every byte of the file decodes as
     * UTF-8 (text in another encoding almost never does), else Windows-1256. UTF-16 without a BOM is read little-endian,
     * as Excel writes it.
     */
    public static Detected detect(Path file, ImportEncoding declared) throws IOException {
        byte[] head = new byte[3];
        int length;
        try (InputStream in = Files.newInputStream(file)) {
            length = in.readNBytes(head, 0, 3);
        }
        if (length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
            return new Detected(UTF_8, StandardCharsets.UTF_8, 3);
        }
        if (length >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE) {
            return new Detected(UTF_16, StandardCharsets.UTF_16LE, 2);
        }
        if (length >= 2 && (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF) {
            return new Detected(UTF_16, StandardCharsets.UTF_16BE, 2);
        }
        if (declared != null) {
            return switch (declared) {
                case UTF_8 -> new Detected(UTF_8, StandardCharsets.UTF_8, 0);
                case UTF_16 -> new Detected(UTF_16, StandardCharsets.UTF_16LE, 0);
                case WINDOWS_1256 -> new Detected(WINDOWS_1256, CP1256, 0);
            };
        }
        return isUtf8(file) ? new Detected(UTF_8, StandardCharsets.UTF_8, 0) : new Detected(WINDOWS_1256, CP1256, 0);
    }

    /** Decodes the whole file as strict UTF-8, a chunk at a time. */
    static boolean isUtf8(Path file) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.allocate(CHUNK);
        CharBuffer chars = CharBuffer.allocate(CHUNK);
        try (InputStream in = Files.newInputStream(file)) {
            boolean end = false;
            while (!end) {
                int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
                end = n < 0;
                if (n > 0) {
                    bytes.position(bytes.position() + n);
                }
                bytes.flip();
                CoderResult result = decoder.decode(bytes, chars, end);
                if (result.isError() || end && bytes.hasRemaining()) {
                    return false;
                }
                chars.clear();
                bytes.compact();
            }
            return !decoder.flush(chars).isError();
        }
    }
}
