package ma.crafts.register.bench.imports;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import ma.crafts.register.bench.http.Applicants;
import ma.crafts.register.bench.http.Options;
import ma.crafts.register.reference.Geography;
import ma.crafts.register.reference.Nomenclature;

/**
 * Generates an artisans import file: {@code --rows} (421000, the chambers' registers on the first day), {@code --out},
 * {@code --format} (csv or xlsx), {@code --seed} (5017), {@code --invalid-share} (0.03 of the rows carry a fault, the
 * kinds taking turns), {@code --today} (the import's day, default today in UTC: ages count from it),
 * {@code --encoding} of a CSV (utf-8, written with a byte order mark; utf-16; windows-1256) and {@code --columns-from}
 * (a CSV whose first line names the columns and their order, e.g. the server's template; default
 * {@link ArtisanColumns#ALL}). The last stdout line is
 * {@code GENERATED rows=… valid=… invalid=… <fault>=… file=… bytes=…}.
 */
public final class GenerateArtisanFile {
    private static final long PROGRESS_EVERY = 100_000;

    private GenerateArtisanFile() {
    }

    public static void main(String[] args) throws IOException {
        Options options = new Options(args);
        long rows = options.number("rows", 421_000, 1, 10_000_000);
        Path out = Path.of(options.text("out"));
        String format = options.text("format", "csv").toLowerCase(Locale.ROOT);
        long seed = options.number("seed", 5017, Long.MIN_VALUE, Long.MAX_VALUE);
        double invalidShare = options.fraction("invalid-share", 0.03);
        LocalDate today = LocalDate.parse(options.text("today", LocalDate.now(ZoneOffset.UTC).toString()));
        Charset charset = charsetOf(options.text("encoding", "utf-8"));
        List<String> columns = options.text("columns-from", "").isEmpty() ? ArtisanColumns.ALL
                : columnsOf(Path.of(options.text("columns-from")));
        if (format.equals("xlsx") && rows >= XlsxRowWriter.MAX_ROWS) {
            throw new IllegalArgumentException("--rows must stay below " + XlsxRowWriter.MAX_ROWS + " for xlsx");
        }
        ArtisanRows generator = new ArtisanRows(new Applicants(Geography.load(), Nomenclature.load((String) null), today),
                seed, invalidShare, today);
        Map<Fault, Long> faults = write(generator, rows, columns, RowWriter.open(format, out, charset));
        long invalid = faults.values().stream().mapToLong(Long::longValue).sum();
        System.out.println("GENERATED rows=" + rows + " valid=" + (rows - invalid) + " invalid=" + invalid + " "
                + faults.entrySet().stream().map(e -> e.getKey().name().toLowerCase(Locale.ROOT) + "=" + e.getValue())
                .collect(Collectors.joining(" ")) + " file=" + out + " bytes=" + Files.size(out));
    }

    /** Writes the header and the rows; gives the rows with a fault, by fault, every kind named. */
    static Map<Fault, Long> write(ArtisanRows generator, long rows, List<String> columns, RowWriter writer)
            throws IOException {
        Map<Fault, Long> faults = new EnumMap<>(Fault.class);
        for (Fault fault : Fault.values()) {
            faults.put(fault, 0L);
        }
        try (writer) {
            writer.write(columns);
            List<String> cells = new ArrayList<>(columns.size());
            for (long n = 0; n < rows; n++) {
                ArtisanRows.Row row = generator.row(n);
                if (!row.valid()) {
                    faults.merge(row.fault(), 1L, Long::sum);
                }
                cells.clear();
                for (String column : columns) {
                    cells.add(row.values().getOrDefault(column, ""));
                }
                writer.write(cells);
                if ((n + 1) % PROGRESS_EVERY == 0) {
                    System.err.printf(Locale.ROOT, "generated %,d of %,d rows%n", n + 1, rows);
                }
            }
        }
        return faults;
    }

    private static Charset charsetOf(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "utf-8" -> StandardCharsets.UTF_8;
            // Java's UTF-16 encoder writes a byte order mark, which is how readers tell it from the others.
            case "utf-16" -> StandardCharsets.UTF_16;
            case "windows-1256" -> Charset.forName("windows-1256");
            default -> throw new IllegalArgumentException("--encoding must be utf-8, utf-16 or windows-1256, got '"
                    + name + "'");
        };
    }

    /** The column names of a CSV's first line (a template starts with a byte order mark; its names are plain). */
    static List<String> columnsOf(Path template) throws IOException {
        String header;
        try (var lines = Files.lines(template, StandardCharsets.UTF_8)) {
            header = lines.findFirst().orElseThrow(() -> new IllegalArgumentException(template + " is empty"));
        }
        List<String> columns = new ArrayList<>();
        for (String name : header.replace("\uFEFF", "").split(",", -1)) {
            String column = name.strip().replace("\"", "");
            if (!ArtisanColumns.ALL.contains(column)) {
                throw new IllegalArgumentException("the template's column '" + column + "' is not one the generator"
                        + " fills; it knows " + ArtisanColumns.ALL);
            }
            columns.add(column);
        }
        return columns;
    }
}
