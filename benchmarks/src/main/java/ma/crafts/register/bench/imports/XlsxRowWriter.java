package ma.crafts.register.bench.imports;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * One sheet of text cells through POI's streaming workbook, which keeps a window of rows in memory and flushes the
 * rest to a temporary file: text cells, as the chambers' older tools export them, so that nothing (a CIN, a phone
 * number, a date) is reinterpreted by the spreadsheet.
 */
final class XlsxRowWriter implements RowWriter {
    static final int MAX_ROWS = SpreadsheetVersion.EXCEL2007.getMaxRows();
    private static final int ROWS_IN_MEMORY = 200;

    private final Path file;
    private final SXSSFWorkbook workbook = new SXSSFWorkbook(ROWS_IN_MEMORY);
    private final Sheet sheet = workbook.createSheet("artisans");
    private int next;

    XlsxRowWriter(Path file) {
        this.file = file;
        workbook.setCompressTempFiles(true);
    }

    @Override
    public void write(List<String> cells) {
        if (next >= MAX_ROWS) {
            throw new IllegalStateException("an xlsx sheet holds at most " + MAX_ROWS + " rows, header included");
        }
        Row row = sheet.createRow(next++);
        for (int i = 0; i < cells.size(); i++) {
            row.createCell(i).setCellValue(cells.get(i));
        }
    }

    @Override
    public void close() throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            workbook.write(out);
        } finally {
            workbook.close();
        }
    }
}
