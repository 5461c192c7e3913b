package ma.crafts.register.bench.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import ma.crafts.register.bench.http.Options;
import ma.crafts.register.bench.http.RegisterClient;
import org.bson.Document;

/**
 * bench/import.sh's measurements around an import the register's own command line runs:
 * <ul>
 *   <li>{@code token --base-url}: a registry administrator's development token, {@code TOKEN token=…}</li>
 *   <li>{@code catch-up --base-url --token [--timeout-seconds=3600]}: waits until every projection of
 *   {@code GET /api/v1/admin/projections} has settled, {@code CATCHUP seconds=… head=… position=…}</li>
 *   <li>{@code store --mongodb-uri --rows --accepted --data-dir-bytes [--max-copies=200000]}: each collection's
 *   documents and data size, then the raw write ceiling for those documents ({@link WriteCeiling}),
 *   {@code STORE documents=… data_bytes=… ceiling_rows_per_s=…}</li>
 * </ul>
 */
public final class ImportBenchmark {
    private static final long POLL_MILLIS = 500;
    private static final long REPORT_EVERY_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final long SETTLED_NANOS = TimeUnit.SECONDS.toNanos(5);

    private ImportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: ImportBenchmark token|catch-up|store --name=value ...");
            System.exit(2);
        }
        Options options = new Options(Arrays.copyOfRange(args, 1, args.length));
        switch (args[0]) {
            case "token" -> System.out.println("TOKEN token=" + new RegisterClient(options.text("base-url"))
                    .token("bench-import-admin", "REGISTRY_ADMIN", null));
            case "catch-up" -> catchUp(new RegisterClient(options.text("base-url")), options.text("token"),
                    options.number("timeout-seconds", 3600, 1, 24 * 3600));
            case "store" -> store(options);
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    /**
     * Caught up: every projection live at one position, which neither they nor the store's head have left for
     * {@link #SETTLED_NANOS}. Not "at the head": the head counts positions closed without an event, which a
     * projection's token passes only with the next event. The seconds count to the last move.
     */
    private static void catchUp(RegisterClient client, String token, long timeoutSeconds)
            throws IOException, InterruptedException {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        long lastReport = start;
        long lastMove = start;
        String lastSeen = "";
        while (true) {
            RegisterClient.Response response = client.get("/api/v1/admin/projections", token);
            if (response.statusCode() != 200) {
                throw new IOException("GET /api/v1/admin/projections answered " + response.statusCode() + ": "
                        + response.body());
            }
            JsonNode projections = RegisterClient.json(response).path("projections");
            long head = 0;
            Set<Long> positions = new HashSet<>();
            boolean allLive = true;
            StringBuilder seen = new StringBuilder();
            for (JsonNode projection : projections) {
                head = Math.max(head, projection.path("head").asLong());
                positions.add(projection.path("position").asLong());
                allLive &= "LIVE".equals(projection.path("status").asText());
                seen.append(' ').append(projection.path("name").asText()).append('@')
                        .append(projection.path("position").asLong());
            }
            seen.append(" head ").append(head);
            long now = System.nanoTime();
            if (!seen.toString().equals(lastSeen)) {
                lastSeen = seen.toString();
                lastMove = now;
            } else if (allLive && positions.size() == 1 && now - lastMove >= SETTLED_NANOS) {
                System.out.printf(Locale.ROOT, "CATCHUP seconds=%.1f head=%d position=%d projections=%d%n",
                        (lastMove - start) / 1e9, head, positions.iterator().next(), projections.size());
                return;
            }
            if (now > deadline) {
                throw new IOException("projections not settled at the time limit:" + seen);
            }
            if (now - lastReport > REPORT_EVERY_NANOS) {
                System.err.println("catch-up:" + seen);
                lastReport = now;
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    private static void store(Options options) {
        long rows = options.number("rows", 1, Long.MAX_VALUE);
        long accepted = options.number("accepted", 1, Long.MAX_VALUE);
        long dataDirBytes = options.number("data-dir-bytes", 0, 0, Long.MAX_VALUE);
        long maxCopies = options.number("max-copies", 200_000, 1, Long.MAX_VALUE);
        try (MongoClient client = MongoClients.create(options.text("mongodb-uri"))) {
            MongoDatabase database = client.getDatabase("register");
            long documents = 0;
            long dataBytes = 0;
            Map<String, long[]> sizes = new TreeMap<>();
            for (String name : database.listCollectionNames()) {
                Document stats = database.runCommand(new Document("collStats", name));
                long count = stats.get("count", Number.class).longValue();
                long size = stats.get("size", Number.class).longValue();
                sizes.put(name, new long[] {count, size});
                documents += count;
                dataBytes += size;
            }
            System.out.printf(Locale.ROOT, "%-40s %12s %14s %12s %14s%n", "collection", "documents", "data_bytes",
                    "bytes/artisan", "dir_share_kb/artisan");
            for (Map.Entry<String, long[]> entry : sizes.entrySet()) {
                long count = entry.getValue()[0];
                long size = entry.getValue()[1];
                double share = dataBytes == 0 ? 0 : (double) size / dataBytes;
                System.out.printf(Locale.ROOT, "%-40s %,12d %,14d %12.0f %14.2f%n", entry.getKey(), count, size,
                        (double) size / accepted, share * dataDirBytes / accepted / 1024);
            }
            WriteCeiling.Measured ceiling = new WriteCeiling(database).measure(maxCopies);
            double ceilingRowsPerSecond = ceiling.seconds() <= 0 ? Double.NaN
                    : rows * ((double) ceiling.copied() / Math.max(1, ceiling.documents())) / ceiling.seconds();
            System.out.printf(Locale.ROOT, "STORE documents=%d data_bytes=%d documents_per_artisan=%.1f"
                            + " data_kb_per_artisan=%.2f ceiling_copied=%d ceiling_seconds=%.2f ceiling_docs_per_s=%.0f"
                            + " ceiling_rows_per_s=%.0f%n", documents, dataBytes, (double) documents / accepted,
                    dataBytes / 1024.0 / accepted, ceiling.copied(), ceiling.seconds(),
                    ceiling.copied() / ceiling.seconds(), ceilingRowsPerSecond);
        }
    }
}
