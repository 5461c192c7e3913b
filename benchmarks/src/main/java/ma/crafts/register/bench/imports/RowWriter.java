package ma.crafts.register.bench.imports;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.List;

/** Writes a file's rows one at a time, so that a file of any length is generated in constant memory. */
interface RowWriter extends AutoCloseable {

    void write(List<String> cells) throws IOException;

    @Override
    void close() throws IOException;

    static RowWriter open(String format, Path file, Charset charset) throws IOException {
        return switch (format) {
            case "csv" -> new CsvRowWriter(file, charset);
            case "xlsx" -> new XlsxRowWriter(file);
            default -> throw new IllegalArgumentException("--format must be csv or xlsx, got '" + format + "'");
        };
    }
}
