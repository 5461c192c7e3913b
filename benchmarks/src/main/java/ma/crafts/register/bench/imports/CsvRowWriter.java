package ma.crafts.register.bench.imports;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * RFC 4180 CSV: comma-separated, CRLF line ends, a cell quoted when it holds a comma, a quote or a line break. UTF-8
 * files start with a byte order mark, as Excel writes them and needs them to show Arabic.
 */
final class CsvRowWriter implements RowWriter {
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final BufferedWriter out;

    CsvRowWriter(Path file, Charset charset) throws IOException {
        out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), charset), 1 << 16);
        if (charset.equals(StandardCharsets.UTF_8)) {
            out.write(BYTE_ORDER_MARK);
        }
    }

    @Override
    public void write(List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(quoted(cells.get(i)));
        }
        out.write("\r\n");
    }

    static String quoted(String cell) {
        if (cell.indexOf(',') < 0 && cell.indexOf('"') < 0 && cell.indexOf('\n') < 0 && cell.indexOf('\r') < 0) {
            return cell;
        }
        return '"' + cell.replace("\"", "\"\"") + '"';
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
