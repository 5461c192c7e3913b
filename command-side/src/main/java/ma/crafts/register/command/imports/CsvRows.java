package ma.crafts.register.command.imports;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A CSV file read as a stream in its detected encoding. The separator is the header's: a comma, or the semicolon a
 * French or Arabic Excel writes, or a tab (Excel's "Unicode text").
 */
final class CsvRows implements RowSource {
    private static final char[] SEPARATORS = {',', ';', '\t'};

    private final CountingInputStream counted;
    private final BufferedReader reader;

    CsvRows(Path file, ImportEncoding.Detected encoding) throws IOException {
        this.counted = new CountingInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16), 0);
        try {
            long skipped = counted.skip(encoding.bomLength());
            if (skipped != encoding.bomLength()) {
                throw new IOException("The file ends inside its byte order mark");
            }
            this.reader = new BufferedReader(new InputStreamReader(counted, encoding.charset()), 1 << 16);
        } catch (IOException e) {
            counted.close();
            throw e;
        }
    }

    @Override
    public void read(RowHandler handler) throws IOException, InterruptedException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(separator()).setIgnoreEmptyLines(true)
                .setTrim(true).get();
        try (CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
            long number = 0;
            for (CSVRecord record : parser) {
                List<String> values = new ArrayList<>(record.size());
                record.forEach(values::add);
                if (!handler.row(++number, values)) {
                    return;
                }
            }
        }
    }

    /** The separator used most in the first line. */
    private char separator() throws IOException {
        reader.mark(1 << 15);
        char[] line = new char[1 << 14];
        int n = reader.read(line);
        reader.reset();
        char chosen = ',';
        int most = 0;
        for (char separator : SEPARATORS) {
            int count = 0;
            for (int i = 0; i < n && line[i] != '\n'; i++) {
                if (line[i] == separator) {
                    count++;
                }
            }
            if (count > most) {
                most = count;
                chosen = separator;
            }
        }
        return chosen;
    }

    @Override
    public long bytesRead() {
        return counted.count();
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
