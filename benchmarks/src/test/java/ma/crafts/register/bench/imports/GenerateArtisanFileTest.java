package ma.crafts.register.bench.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import ma.crafts.register.bench.http.Applicants;
import ma.crafts.register.reference.Geography;
import ma.crafts.register.reference.Nomenclature;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateArtisanFileTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 7);
    private static final int ROWS = 400;

    private final ArtisanRows rows = new ArtisanRows(
            new Applicants(Geography.load(), Nomenclature.load((String) null), TODAY), 5017, 0.2, TODAY);

    @TempDir
    Path dir;

    @Test
    void aCsvFileHoldsTheHeaderAndEveryRowsValues_quotedWhereNeeded_afterAByteOrderMark() throws IOException {
        Path file = dir.resolve("artisans.csv");
        GenerateArtisanFile.write(rows, ROWS, ArtisanColumns.ALL,
                RowWriter.open("csv", file, StandardCharsets.UTF_8));

        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFF" + String.join(",", ArtisanColumns.ALL) + "\r\n");
        List<List<String>> records = parseCsv(text.substring(1));
        assertThat(records).hasSize(ROWS + 1);
        for (int n = 0; n < ROWS; n++) {
            assertThat(records.get(n + 1)).isEqualTo(cellsOf(rows.row(n).values(), ArtisanColumns.ALL));
        }
    }

    @Test
    void anArabicCsvCanBeWrittenInWindows1256_asOlderToolsExportIt() throws IOException {
        Path file = dir.resolve("artisans-1256.csv");
        Charset arabicWindows = Charset.forName("windows-1256");
        GenerateArtisanFile.write(rows, 50, ArtisanColumns.ALL, RowWriter.open("csv", file, arabicWindows));

        List<List<String>> records = parseCsv(Files.readString(file, arabicWindows));
        assertThat(records.get(7)).isEqualTo(cellsOf(rows.row(6).values(), ArtisanColumns.ALL));
    }

    @Test
    void anXlsxSheetHoldsTheSameCellsAsText_inTheTemplatesColumnOrder() throws IOException {
        Path template = dir.resolve("template.csv");
        Files.writeString(template, "\uFEFFbirth_date,cin,last_name_ar,last_name_fr\r\n1984-03-02,EE1,…\r\n");
        List<String> columns = GenerateArtisanFile.columnsOf(template);
        assertThat(columns).containsExactly("birth_date", "cin", "last_name_ar", "last_name_fr");
        Path file = dir.resolve("artisans.xlsx");
        GenerateArtisanFile.write(rows, ROWS, columns, RowWriter.open("xlsx", file, StandardCharsets.UTF_8));

        try (InputStream in = Files.newInputStream(file); XSSFWorkbook workbook = new XSSFWorkbook(in)) {
            Sheet sheet = workbook.getSheetAt(0);
            assertThat(sheet.getLastRowNum()).isEqualTo(ROWS);
            DataFormatter text = new DataFormatter();
            for (int n = 0; n <= ROWS; n++) {
                List<String> cells = new ArrayList<>();
                Row row = sheet.getRow(n);
                for (int i = 0; i < columns.size(); i++) {
                    cells.add(text.formatCellValue(row.getCell(i)));
                }
                assertThat(cells).isEqualTo(n == 0 ? columns : cellsOf(rows.row(n - 1).values(), columns));
            }
        }
    }

    @Test
    void aTemplateColumnTheGeneratorCannotFillIsRefused() throws IOException {
        Path template = dir.resolve("template.csv");
        Files.writeString(template, "cin,cnssNumber\r\n");
        assertThatThrownBy(() -> GenerateArtisanFile.columnsOf(template))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cnssNumber");
    }

    private static List<String> cellsOf(Map<String, String> values, List<String> columns) {
        return columns.stream().map(column -> values.getOrDefault(column, "")).toList();
    }

    /** RFC 4180, independently of the writer: quoted cells may hold commas, doubled quotes and line breaks. */
    private static List<List<String>> parseCsv(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                record.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                record.add(cell.toString());
                cell.setLength(0);
                records.add(record);
                record = new ArrayList<>();
                i++;
            } else {
                cell.append(c);
            }
        }
        return records;
    }
}
