package ma.crafts.register.command.imports;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A job's rejected rows, as the chamber downloads them: UTF-8 with a BOM (so that Excel reads the Arabic), then
 * {@code row,<the kind's columns>,reason_fr,reason_ar}, personal values masked. Rows are written in row order and
 * only once committed, so the file's length at a commit is where a resumed job continues it.
 */
final class ErrorsFile implements Closeable {
    static final String MASK = "***";
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final FileOutputStream out;
    private final CSVPrinter printer;
    private final RowMapper mapper;
    private final RowReasons reasons;

    /** Continues the file from {@code committedLength}: what a stopped run wrote after its last commit is dropped. */
    ErrorsFile(Path path, long committedLength, RowMapper mapper, RowReasons reasons) throws IOException {
        this.mapper = mapper;
        this.reasons = reasons;
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            channel.truncate(committedLength);
        }
        this.out = new FileOutputStream(path.toFile(), true);
        BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        this.printer = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setRecordSeparator("\r\n").get());
        if (committedLength == 0) {
            out.write(BOM);
            printer.printRecord(header(mapper));
        }
    }

    static List<String> header(RowMapper mapper) {
        List<String> header = new ArrayList<>();
        header.add("row");
        header.addAll(mapper.columns());
        header.add("reason_fr");
        header.add("reason_ar");
        return header;
    }

    void append(ImportedRow row, List<RowReasons.Reason> rowReasons) throws IOException {
        List<String> record = new ArrayList<>();
        record.add(Long.toString(row.number()));
        for (String column : mapper.columns()) {
            String value = row.values().getOrDefault(column, "");
            record.add(mapper.personalColumns().contains(column) && !value.isBlank() ? MASK : value);
        }
        record.add(reasons.french(rowReasons));
        record.add(reasons.arabic(rowReasons));
        printer.printRecord(record);
    }

    /** Writes out what is buffered; the file's length, which covers every row appended so far. */
    long commit() throws IOException {
        printer.flush();
        return out.getChannel().position();
    }

    @Override
    public void close() throws IOException {
        printer.close();
    }
}
