package ma.crafts.register.bench;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import ma.crafts.register.eventstore.StoreAudit;
import ma.crafts.register.eventstore.StoreVerification;
import ma.crafts.register.platform.PlatformProperties.EmbeddedBackend;
import ma.crafts.register.platform.mongo.EmbeddedMongoServer;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * The event-store benchmark behind {@code bench/event-store.sh}: append, replay and aggregate-load figures of the
 * register's engine, the same through axon-mongo as a baseline, and the raw driver's ceiling, on the embedded server's
 * memory and H2 backends. Figures go to stdout, progress to stderr; the last line is the RESULT line (memory backend).
 */
public final class EventStoreBenchmark {
    private final Settings settings;
    private final PrintStream out;
    private final Progress progress = new Progress();
    private final JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
    private final RoundTrips roundTrips = new RoundTrips();

    private EventStoreBenchmark(Settings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        // Axon's update checker would phone home at start-up; the register never runs with it.
        System.setProperty("axoniq.update-checker.disabled", "true");
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        new EventStoreBenchmark(Settings.ofThisProcess("event-store benchmark"), out).run();
        // Axon and the embedded server leave non-daemon threads behind; the figures are out, so stop here.
        System.exit(0);
    }

    private void run() throws Exception {
        Runtime runtime = Runtime.getRuntime();
        out.printf(Locale.ROOT, "event-store benchmark: Java %s, %d CPUs, max heap %,d MB; sizes %s, baseline sizes %s,"
                        + " backends %s%n", System.getProperty("java.version"), runtime.availableProcessors(),
                runtime.maxMemory() / (1024 * 1024), settings.sizes(), settings.baselineSizes(), settings.backends());
        // Each backend's figures are printed as soon as it is done, so a long run shows its first half early.
        Report report = new Report(settings, out);
        List<BackendResults> all = new ArrayList<>();
        for (String backend : settings.backends()) {
            BackendResults results = runBackend(backend);
            all.add(results);
            report.print(results);
        }
        BackendResults headline = all.stream().filter(r -> r.backend.equals("memory")).findFirst().orElse(all.get(0));
        out.println();
        out.printf(Locale.ROOT, "The RESULT line is for the %s backend.%n", headline.backend);
        out.println(report.resultLine(report.headline(headline)));
    }

    private BackendResults runBackend(String backendName) throws Exception {
        BackendResults results = new BackendResults(backendName);
        Path h2Directory = backendName.equals("h2") ? Files.createTempDirectory("event-store-bench-h2") : null;
        // The register's own embedded server, as deploy/run-local.sh runs it (for H2: BSON storage, commit per write).
        EmbeddedMongoServer server = EmbeddedMongoServer.start(h2Directory == null ? EmbeddedBackend.MEMORY : EmbeddedBackend.H2,
                0, h2Directory);
        progress.say("%s backend: embedded server on port %d%s", backendName, server.port(),
                h2Directory == null ? "" : ", file in " + h2Directory);
        MongoClientSettings clientSettings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(server.connectionString()))
                .addCommandListener(roundTrips)
                .build();
        try (MongoClient client = MongoClients.create(clientSettings)) {
            if (settings.warmUp()) {
                warmUp(client, backendName.equals(settings.backends().get(0)));
            }
            // Both engines at one size, one right after the other: the ratios then compare figures taken minutes apart,
            // not a quarter of an hour apart on a machine whose speed drifts.
            for (long size : settings.registerSizes()) {
                measureRegister(client.getDatabase("bench_register_" + size), results, size);
                if (settings.baselineSizes().contains(size)) {
                    measureAxonMongo(client.getDatabase("bench_axon_mongo_" + size), results, size);
                }
            }
        } finally {
            server.close();
            if (h2Directory != null) {
                deleteRecursively(h2Directory);
            }
        }
        return results;
    }

    /**
     * A dress rehearsal on a small store of each engine, discarded, so that the JIT has compiled the hot paths before
     * anything is measured: otherwise the first size measured pays for compilation and flatness looks better than it
     * is. The first backend rehearses the smallest size in full (the JIT's work is then done for the whole run); later
     * backends rehearse briefly, for their own storage code.
     */
    private void warmUp(MongoClient client, boolean first) throws InterruptedException {
        long size = first ? Math.min(settings.smallestSize(), 10_000) : 2_000;
        progress.say("warming up both engines on %,d-event stores (not measured)", size);
        Duration cap = Duration.ofSeconds(30);
        Workload workload = new Workload(size, 1);
        int commands = Math.min(settings.commands(), workload.accounts());
        try (StoreUnderTest store = new RegisterStore(client.getDatabase("bench_warmup_register"), serializer,
                settings.batchSize(), settings.fillThreads(), settings.writers()).start()) {
            store.fill(workload, progress);
            ReplayRun.run(store, "warmup", workload.events, settings.batchSize(), cap);
            new Ceiling(store.database, settings.batchSize(), settings.threads(), progress)
                    .measure(workload.events, commands, cap);
            verifyStore(store.database, workload.events);
            AppendRun.run(store.commandGateway(), workload.entriesOnExistingAccounts(commands, 2), settings.threads(), cap);
            AppendRun.run(store.commandGateway(), Workload.newAccounts(commands, 3), settings.threads(), cap);
            LoadTime.measure(store, Math.min(settings.loadIterations(), 100));
        }
        try (StoreUnderTest store = new AxonMongoStore(client.getDatabase("bench_warmup_axon_mongo"), serializer,
                settings.batchSize()).start()) {
            store.fill(workload, progress);
            ReplayRun.run(store, "warmup", workload.events, settings.batchSize(), cap);
            AppendRun.run(store.commandGateway(), workload.entriesOnExistingAccounts(commands, 2), settings.threads(), cap);
            AppendRun.run(store.commandGateway(), Workload.newAccounts(commands, 3), settings.threads(), cap);
        }
        collectGarbage();
    }

    /**
     * Fill, replay over exactly the filled history, the ceiling on the same documents right after (so that both see the
     * machine in the same state), then the two kinds of append, then, at the largest size, aggregate load times.
     */
    private void measureRegister(MongoDatabase database, BackendResults results, long size) throws InterruptedException {
        BackendResults.AtSize at = results.register(size);
        Workload workload = new Workload(size, size);
        database.drop();
        try (StoreUnderTest store = new RegisterStore(database, serializer, settings.batchSize(), settings.fillThreads(), settings.writers()).start()) {
            fillAndReplay(store, workload, results, at, settings.cap());
            progress.say("  %s @%,d: ceiling (raw-driver replay and append strategies, the best of each)", store.label, size);
            at.ceiling = new Ceiling(database, settings.batchSize(), settings.threads(), progress).measure(size,
                    Math.min(settings.commands(), workload.accounts()), settings.cap());
            results.sampleLoadAverage();
            Ceiling.Strategy replay = at.ceiling.replay().best();
            Ceiling.Strategy append = at.ceiling.append().best();
            progress.say("  %s @%,d: ceiling replay %,.0f events/s (%s), append %,.0f docs/s (%s)", store.label, size,
                    replay.rate().perSecond(), replay.name(), append.rate().perSecond(), append.name());
            at.verify = verifyStore(database, size);
            progress.say("  %s @%,d: whole-store verification %,.0f events/s", store.label, size, at.verify.perSecond());
            appends(store, workload, results, at, settings.cap());
            if (size == settings.largestSize()) {
                progress.say("  %s @%,d: aggregate load times", store.label, size);
                results.loadTime = LoadTime.measure(store, settings.loadIterations());
                results.loadTimeStoreSize = size;
                progress.say("  %s @%,d: aggregate load mean %.3f ms without snapshot, %.3f ms with snapshot", store.label,
                        size, results.loadTime.withoutSnapshot().meanMillis(), results.loadTime.withSnapshot().meanMillis());
            }
        }
        collectGarbage();
    }

    private void measureAxonMongo(MongoDatabase database, BackendResults results, long size) throws InterruptedException {
        BackendResults.AtSize at = results.axonMongo(size);
        Workload workload = new Workload(size, size);
        database.drop();
        try (StoreUnderTest store = new AxonMongoStore(database, serializer, settings.batchSize()).start()) {
            fillAndReplay(store, workload, results, at, settings.baselineCap());
            appends(store, workload, results, at, settings.baselineCap());
        }
        collectGarbage();
    }

    /**
     * Verifies every commit of the store as an auditor's run does (hashes, each stream's chain, the positions between
     * commits), rated in events per second; a store that does not verify stops the benchmark.
     */
    static Rate verifyStore(MongoDatabase database, long events) {
        Rate.Clock clock = Rate.Clock.start();
        StoreVerification.Result result = StoreAudit.readOnly(database).verifyStore(Long.MAX_VALUE, (p, l, e) -> {
        });
        Rate rate = clock.stop(result.events());
        if (!result.valid() || result.events() < events) {
            throw new IllegalStateException("The filled store does not verify: " + result.breaks() + ", "
                    + result.events() + " of " + events + " events");
        }
        return rate;
    }

    /** Replay runs before the appends so that it reads a store of exactly the stated size. */
    private void fillAndReplay(StoreUnderTest store, Workload workload, BackendResults results, BackendResults.AtSize at,
                               Duration cap) throws InterruptedException {
        long size = workload.events;
        progress.say("%s @%,d: filling", store.label, size);
        Rate.Clock clock = Rate.Clock.start();
        store.fill(workload, progress);
        at.fill = clock.stop(size);
        results.sampleLoadAverage();
        progress.say("  %s @%,d: filled at %,.0f events/s (%.0f%% of the time in GC), heap in use %,d MB; replaying from"
                + " position 0", store.label, size, at.fill.perSecond(), 100 * at.fill.gcShare(),
                heapInUseAfterCollection() / (1024 * 1024));
        RoundTrips.Snapshot before = roundTrips.snapshot();
        List<ReplayRun.Outcome> replays = repeated(run -> ReplayRun.run(store, "replay" + run, size, settings.batchSize(), cap));
        at.replay = median(replays, replay -> replay.rate().perSecond());
        at.replayTrips = roundTrips.snapshot().since(before, totalCount(replays, ReplayRun.Outcome::rate));
        results.sampleLoadAverage();
        progress.say("  %s @%,d: replay %,.0f events/s (%,.0f µs CPU each, %.0f%% of the time in GC) in batches of %,.0f"
                        + " events on average%s; runs: %s", store.label, size, at.replay.rate().perSecond(),
                at.replay.rate().cpuMicrosPerOperation(), 100 * at.replay.rate().gcShare(), at.replay.averageBatch(),
                at.replay.rate().bounded() ? " (stopped at the cap)" : "", rates(replays, ReplayRun.Outcome::rate));
    }

    private void appends(StoreUnderTest store, Workload workload, BackendResults results, BackendResults.AtSize at,
                         Duration cap) throws InterruptedException {
        long size = workload.events;
        // The same number of each kind: one command per existing account at most, so each loads five prior events.
        int commands = Math.min(settings.commands(), workload.accounts());
        collectGarbage();
        RoundTrips.Snapshot before = roundTrips.snapshot();
        at.existing = AppendRun.run(store.commandGateway(), workload.entriesOnExistingAccounts(commands, size + 1),
                settings.threads(), cap);
        at.existingTrips = roundTrips.snapshot().since(before, at.existing.rate().count());
        results.sampleLoadAverage();
        progress.say("  %s @%,d: existing %,.0f commands/s (%,.0f µs CPU each) over %,d commands%s", store.label, size,
                at.existing.rate().perSecond(), at.existing.rate().cpuMicrosPerOperation(), at.existing.rate().count(),
                at.existing.rate().bounded() ? " (stopped at the cap)" : "");
        before = roundTrips.snapshot();
        List<AppendRun.Outcome> creates = repeated(run -> AppendRun.run(store.commandGateway(),
                Workload.newAccounts(settings.creates(), size + 2 + run), settings.threads(), cap));
        at.create = median(creates, create -> create.rate().perSecond());
        at.createTrips = roundTrips.snapshot().since(before, totalCount(creates, AppendRun.Outcome::rate));
        results.sampleLoadAverage();
        progress.say("  %s @%,d: create %,.0f commands/s (%,.0f µs CPU each) over %,d commands%s; runs: %s", store.label,
                size, at.create.rate().perSecond(), at.create.rate().cpuMicrosPerOperation(), at.create.rate().count(),
                at.create.rate().bounded() ? " (stopped at the cap)" : "", rates(creates, AppendRun.Outcome::rate));
    }

    private interface Measurement<T> {
        T run(int repeat) throws InterruptedException;
    }

    /** {@code REPEATS} runs of one measurement, each after a full collection. */
    private <T> List<T> repeated(Measurement<T> measurement) throws InterruptedException {
        List<T> runs = new ArrayList<>();
        for (int repeat = 0; repeat < settings.repeats(); repeat++) {
            collectGarbage();
            runs.add(measurement.run(repeat));
        }
        return runs;
    }

    private static <T> long totalCount(List<T> runs, Function<T, Rate> rate) {
        return runs.stream().mapToLong(run -> rate.apply(run).count()).sum();
    }

    /**
     * The run with the median rate. A replay at 100k lasts a few seconds, so one young collection or JIT pass more or
     * less moves a single run noticeably (bench/README.md, "Figures behind the code"); both engines are measured the
     * same number of times.
     */
    static <T> T median(List<T> runs, ToDoubleFunction<T> rate) {
        List<T> sorted = new ArrayList<>(runs);
        sorted.sort(Comparator.comparingDouble(rate));
        return sorted.get(sorted.size() / 2);
    }

    private static <T> String rates(List<T> runs, Function<T, Rate> rate) {
        return runs.stream().map(run -> String.format(Locale.ROOT, "%,.0f/s at %,.0f µs", rate.apply(run).perSecond(),
                rate.apply(run).cpuMicrosPerOperation())).collect(Collectors.joining(", "));
    }

    /**
     * Before every measured run and between phases, never inside one, so that one run's garbage is not collected on the
     * next run's clock: the register's existing appends leave far more commands' garbage behind than axon-mongo's in the
     * same phase (bench/README.md, "Figures behind the code"), and the create that follows would pay for the difference.
     */
    private static void collectGarbage() {
        System.gc();
    }

    /** What the heap holds once only live objects are left: what the stores keep, once a run's garbage is gone. */
    static long heapInUseAfterCollection() {
        collectGarbage();
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
