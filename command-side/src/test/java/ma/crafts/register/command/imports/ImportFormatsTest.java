package ma.crafts.register.command.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Encodings detected or declared, separators, and .xlsx sheets, read as the import reads them. */
class ImportFormatsTest {
    private static final String ARABIC = "فاطمة الزهراء";

    @TempDir
    Path dir;

    @Test
    void aByteOrderMarkDecidesTheEncodingAndIsNotPartOfTheFirstColumn() throws Exception {
        assertRead(bytes(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "cin,name\nA1," + ARABIC + "\n",
                StandardCharsets.UTF_8), null, ImportEncoding.UTF_8);
        assertRead(bytes(new byte[]{(byte) 0xFF, (byte) 0xFE}, "cin\tname\nA1\t" + ARABIC + "\n",
                StandardCharsets.UTF_16LE), ImportEncoding.WINDOWS_1256, ImportEncoding.UTF_16);
        assertRead(bytes(new byte[]{(byte) 0xFE, (byte) 0xFF}, "cin;name\nA1;" + ARABIC + "\n",
                StandardCharsets.UTF_16BE), null, ImportEncoding.UTF_16);
    }

    @Test
    void withoutAMarkValidUtf8IsUtf8AndAnythingElseWindows1256() throws Exception {
        assertRead(bytes(new byte[0], "cin,name\nA1," + ARABIC + "\n", StandardCharsets.UTF_8), null,
                ImportEncoding.UTF_8);
        assertRead(bytes(new byte[0], "cin;name\nA1;" + ARABIC + "\n", Charset.forName("windows-1256")), null,
                ImportEncoding.WINDOWS_1256);
    }

    @Test
    void aDeclaredEncodingIsUsedWhenTheFileHasNoMark() throws Exception {
        assertRead(bytes(new byte[0], "cin,name\nA1," + ARABIC + "\n", StandardCharsets.UTF_16LE),
                ImportEncoding.UTF_16, ImportEncoding.UTF_16);
    }

    @Test
    void xlsxRowsComeOutAsTextWithIsoDates() throws Exception {
        Path file = dir.resolve("register.xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            Sheet sheet = workbook.createSheet("artisans");
            Row header = sheet.createRow(0);
            header.createCell(0).setCellValue("cin");
            header.createCell(1).setCellValue("name");
            header.createCell(2).setCellValue("birth_date");
            header.createCell(3).setCellValue("years_of_practice");
            Row row = sheet.createRow(1);
            row.createCell(0).setCellValue("A1");
            row.createCell(1).setCellValue(ARABIC);
            CellStyle date = workbook.createCellStyle();
            date.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("dd/mm/yyyy"));
            row.createCell(2).setCellValue(LocalDate.of(1984, 3, 2));
            row.getCell(2).setCellStyle(date);
            row.createCell(3).setCellValue(12);
            sheet.createRow(3).createCell(1).setCellValue("after a blank row");
            workbook.write(out);
        }
        List<List<String>> rows = new ArrayList<>();
        List<Long> numbers = new ArrayList<>();
        try (RowSource source = new XlsxRows(file, Files.size(file))) {
            source.read((number, values) -> {
                numbers.add(number);
                rows.add(values);
                return true;
            });
        }
        assertThat(numbers).containsExactly(1L, 2L, 4L);
        assertThat(rows.get(1)).containsExactly("A1", ARABIC, "1984-03-02", "12");
        assertThat(rows.get(2)).containsExactly("", "after a blank row");
    }

    private void assertRead(Path file, ImportEncoding declared, ImportEncoding expected) throws IOException,
            InterruptedException {
        ImportEncoding.Detected detected = ImportEncoding.detect(file, declared);
        assertThat(detected.encoding()).isEqualTo(expected);
        List<List<String>> rows = new ArrayList<>();
        try (RowSource source = new CsvRows(file, detected)) {
            source.read((number, values) -> rows.add(values));
        }
        assertThat(rows).containsExactly(List.of("cin", "name"), List.of("A1", ARABIC));
    }

    private Path bytes(byte[] bom, String text, Charset charset) throws IOException {
        Path file = Files.createTempFile(dir, "import", ".csv");
        byte[] body = text.getBytes(charset);
        byte[] all = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, all, 0, bom.length);
        System.arraycopy(body, 0, all, bom.length, body.length);
        Files.write(file, all);
        return file;
    }
}
