package ma.crafts.register.bench.cluster;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the load client saw, one tab-separated line per fact, for the check to hold against the store: every
 * acknowledged command ({@code ACK}), every attempt that failed at the gateway ({@code FAIL}: a connection error or a
 * 5xx), every read of a client's own write that the query side answered 503 after waiting 5 s for the position
 * ({@code LAGGED}: the projections were behind), every command given up with its outcome unknown ({@code UNKNOWN}), every lost-card command refused because
 * the card's validity ended at midnight first ({@code OVERTAKEN}: the register is right to refuse it) and every other
 * command the register refused ({@code REJECTED}: with fresh CINs and one key per command, a refusal is a fault).
 */
final class Ledger implements AutoCloseable {

    enum Kind { ACK, FAIL, LAGGED, UNKNOWN, OVERTAKEN, REJECTED }

    /** {@code detail}: the NIA of a registration, the card number of an issue or replacement, else the status or "-". */
    record Entry(Kind kind, long epochMillis, long journey, Step step, String artisanId, long version, String detail) {
    }

    private final BufferedWriter out;

    private Ledger(BufferedWriter out) {
        this.out = out;
    }

    static Ledger create(Path file) throws IOException {
        return new Ledger(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
    }

    synchronized void add(Entry entry) {
        try {
            out.write(String.join("\t", entry.kind().name(), Long.toString(entry.epochMillis()),
                    Long.toString(entry.journey()), entry.step().name(), entry.artisanId(), Long.toString(entry.version()),
                    entry.detail().replaceAll("\\s+", " ")));
            out.newLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }

    static List<Entry> read(Path file) throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] f = line.split("\t", 7);
            entries.add(new Entry(Kind.valueOf(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]), Step.valueOf(f[3]), f[4],
                    Long.parseLong(f[5]), f[6]));
        }
        return entries;
    }
}
