package ma.crafts.register.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import ma.crafts.register.events.privacy.PersonalDataErased;
import ma.crafts.register.eventstore.MongoEventStorageEngine;
import ma.crafts.register.platform.PlatformProperties.EmbeddedBackend;
import ma.crafts.register.platform.mongo.EmbeddedMongoServer;
import org.HdrHistogram.Histogram;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * The auditor's figures behind {@code bench/audit.sh}, on the embedded server's memory backend:
 * <ol>
 *   <li>the whole-store verification of a store of the largest of {@code SIZES} events (1M unless set), in events per
 *       second, and as a ratio to the raw-driver replay ceiling of {@code bench/event-store.sh} ({@link Ceiling}) on
 *       the same documents right after, as that benchmark takes them;</li>
 *   <li>the auditor's reads of one artisan with 200 events in the query side as it runs ({@link HistoryReads}): the
 *       p99 of the history (a page of 100 events with their changes) and of the view as of an instant, and the
 *       history's p99 with the personal-data read log against without it, in the same run, interleaved.</li>
 * </ol>
 * Prints {@code RESULT verify_eps= verify_vs_ceiling= history200_p99_ms= pii_log_ratio=}.
 */
public final class AuditBenchmark {
    private final Settings settings;
    private final PrintStream out;
    private final Progress progress = new Progress();

    private AuditBenchmark(Settings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("axoniq.update-checker.disabled", "true");
        new AuditBenchmark(Settings.ofThisProcess("audit benchmark"), new PrintStream(System.out, true,
                StandardCharsets.UTF_8)).run(Integer.parseInt(System.getenv().getOrDefault("HISTORY_ROUNDS", "3000")));
        // Axon, Spring and the embedded servers leave non-daemon threads behind; the figures are out, so stop here.
        System.exit(0);
    }

    private void run(int historyRounds) throws Exception {
        long size = settings.largestSize();
        double[] verify = verification(size);
        System.gc();
        HistoryReads.Figures reads = new HistoryReads(progress).measure(Math.max(500, historyRounds / 5), historyRounds);
        double historyP99 = HistoryReads.Figures.p99Millis(reads.historyAndAsOf());
        double ratio = HistoryReads.Figures.p99Millis(reads.history())
                / HistoryReads.Figures.p99Millis(reads.historyNoLog());

        out.printf(Locale.ROOT, "Audit on mongo-java-server (memory), Java %s, %d CPUs, load average %.1f%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        out.printf(Locale.ROOT, "  whole-store verification of %,d events: %,.0f events/s; replay ceiling %,.0f events/s;"
                + " ratio %.2f (target >= 0.5)%n", size, verify[0], verify[1], verify[0] / verify[1]);
        out.printf(Locale.ROOT, "  start-up's lookup of the recorded erasures among %,d events: %,.0f ms%n", size,
                verify[2]);
        out.printf(Locale.ROOT, "  %d-event artisan, %,d rounds: history page of 100 %s; as-of view %s;"
                        + " both p99 %.2f ms (target <= 20)%n", HistoryReads.EVENTS, historyRounds,
                latencies(reads.history()), latencies(reads.asOf()), historyP99);
        out.printf(Locale.ROOT, "  history without the read log %s; with/without p99 %.2f (target <= 1.2); "
                + "%,d read-log records written%n", latencies(reads.historyNoLog()), ratio, reads.readLogRecords());
        out.printf(Locale.ROOT, "RESULT verify_eps=%.0f verify_vs_ceiling=%.2f history200_p99_ms=%.2f pii_log_ratio=%.2f%n",
                verify[0], verify[0] / verify[1], historyP99, ratio);
    }

    /**
     * The verification rate and the replay ceiling, in events per second, and the start-up's erasure lookup in
     * milliseconds (as on mongo-java-server: a read of every commit inside the server), on one filled store.
     */
    private double[] verification(long size) throws InterruptedException {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(EmbeddedBackend.MEMORY, 0, null);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoDatabase database = client.getDatabase("bench_audit_" + size);
            // Closing the store drops its database: both figures are taken while it is open.
            try (StoreUnderTest store = new RegisterStore(database, JacksonSerializer.defaultSerializer(),
                    settings.batchSize(), settings.fillThreads(), settings.writers()).start()) {
                progress.say("filling %,d events", size);
                store.fill(new Workload(size, size), progress);
                // The first pass also compiles the verification's code paths: it is run once untimed.
                progress.say("verifying the whole store, once to warm up, then measured");
                EventStoreBenchmark.verifyStore(database, size);
                Rate verify = EventStoreBenchmark.verifyStore(database, size);
                progress.say("verification %,.0f events/s; the erasure lookup next", verify.perSecond());
                long lookupStarted = System.nanoTime();
                ((MongoEventStorageEngine) store.engine()).aggregatesHolding(PersonalDataErased.class);
                double lookupMillis = (System.nanoTime() - lookupStarted) / 1e6;
                progress.say("erasure lookup %,.0f ms; replay ceiling next", lookupMillis);
                Ceiling.Strategy ceiling = new Ceiling(database, settings.batchSize(), settings.threads(), progress)
                        .replayRace(size, settings.cap()).best();
                return new double[] {verify.perSecond(), ceiling.rate().perSecond(), lookupMillis};
            }
        }
    }

    private static String latencies(Histogram micros) {
        return String.format(Locale.ROOT, "p50 %.2f ms, p99 %.2f ms, max %.2f ms", micros.getValueAtPercentile(50) / 1000.0,
                micros.getValueAtPercentile(99) / 1000.0, micros.getMaxValue() / 1000.0);
    }
}
