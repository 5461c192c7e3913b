package ma.crafts.register.query.bench;

import static ma.crafts.register.values.SealedText.recordedInClear;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import ma.crafts.register.events.artisan.ArtisanRegistered;
import ma.crafts.register.events.artisan.ArtisanSuspended;
import ma.crafts.register.events.artisan.CardIssued;
import ma.crafts.register.eventstore.MongoEventStorageEngine;
import ma.crafts.register.eventstore.MongoTokenStore;
import ma.crafts.register.query.QueryProcessors;
import ma.crafts.register.query.QuerySideConfiguration;
import ma.crafts.register.query.artisan.ArtisanFolding;
import ma.crafts.register.query.artisan.ArtisanProjection;
import ma.crafts.register.query.artisan.ArtisanSearchKeys;
import ma.crafts.register.query.mongo.ArtisanSearchIndex;
import ma.crafts.register.query.artisan.mongo.ArtisanViewRepository;
import ma.crafts.register.query.card.CardProjection;
import ma.crafts.register.query.card.mongo.CardVerificationRepository;
import ma.crafts.register.reference.Geography;
import ma.crafts.register.reference.Nomenclature;
import ma.crafts.register.values.ArtisanCategory;
import ma.crafts.register.values.ArtisanStatus;
import ma.crafts.register.values.Gender;
import ma.crafts.register.values.QualificationRoute;
import ma.crafts.register.values.RegisteredQualification;
import ma.crafts.register.values.SealedPersonalData;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Rebuild rate of the artisan projections (view, search index, card verification): the store is filled with
 * registrations as the command side appends them (one event per commit, many writers, so group commit packs them),
 * then the read models are dropped and the {@code artisan-projections} processor replays the store from position 0,
 * wired exactly as the query side wires it ({@link QuerySideConfiguration#configureProcessors}), on the embedded
 * mongo-java-server with the memory backend. Not part of the test run:
 *
 * <pre>mvn -o -pl query-side test -Dtest=ProjectionRebuildBenchmark -Dbench=true</pre>
 *
 * <p>Knobs (system properties): {@code bench.sizes} (artisans, default {@code 10000,200000}), {@code bench.mix}
 * ({@code true} adds a card for every tenth artisan and a suspension for every twentieth, appended after all
 * registrations), {@code bench.batch} (processor batch size, default the query side's), {@code bench.maxSeconds}
 * (a rebuild stops after this long and its rate is taken from what was done, marked {@code ~}; default 900),
 * {@code bench.fetch} (the event store's tracking fetch size, default the engine's), {@code bench.warmup} (default {@code true}: the first store is rebuilt once, untimed, so the JIT has compiled the
 * code before anything is measured).
 * Rates come with the process CPU time per event, steadier than rates when other programs share the machine.
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class ProjectionRebuildBenchmark {

    private static final String PROCESSOR = QueryProcessors.ARTISAN_PROJECTIONS;

    private final Geography geography = Geography.load();
    private final Nomenclature nomenclature = Nomenclature.load();
    private final Random random = new Random(20240110L);
    private final List<String> artisans = new ArrayList<>();

    @Test
    void rebuildRates() throws Exception {
        int[] sizes = Arrays.stream(System.getProperty("bench.sizes", "10000,200000").split(","))
                .map(String::trim).mapToInt(Integer::parseInt).toArray();
        boolean mix = Boolean.parseBoolean(System.getProperty("bench.mix", "false"));
        String batch = System.getProperty("bench.batch", "");
        Duration cap = Duration.ofSeconds(Long.getLong("bench.maxSeconds", 900));
        MongoServer server = new MongoServer(new MemoryBackend());
        try (MongoClient client = MongoClients.create(server.bindAndGetConnectionString())) {
            MongoDatabase database = client.getDatabase("bench");
            JacksonSerializer serializer = JacksonSerializer.builder()
                    .objectMapper(new ObjectMapper().findAndRegisterModules()).build();
            MongoEventStorageEngine.Builder engineBuilder = MongoEventStorageEngine.builder()
                    .database(database).eventSerializer(serializer).snapshotSerializer(serializer);
            if (System.getProperty("bench.fetch") != null) {
                engineBuilder.trackingBatchSize(Integer.getInteger("bench.fetch"));
            }
            MongoEventStorageEngine engine = engineBuilder.build();
            MongoTokenStore tokens = new MongoTokenStore(database, serializer, Duration.ofSeconds(10));
            List<String> lines = new ArrayList<>();
            boolean warmUp = Boolean.parseBoolean(System.getProperty("bench.warmup", "true"));
            for (int size : sizes) {
                long events = fill(engine, size, mix);
                if (warmUp) {
                    // The first rebuild also compiles the code paths: run it once untimed.
                    rebuild(database, engine, tokens, serializer, batch, events, cap);
                    warmUp = false;
                }
                Outcome outcome = rebuild(database, engine, tokens, serializer, batch, events, cap);
                String pages = pageReads(database);
                lines.add(String.format("%,9d artisans (%,d events): %s%s | pages: %s", size, events,
                        outcome.complete ? "" : "~", outcome, pages));
                System.out.println("BENCH " + lines.get(lines.size() - 1));
            }
            System.out.println();
            System.out.printf("Projection rebuild on mongo-java-server (memory), batch %s, fetch %s, mix %s, load average %.1f%n",
                    batch.isEmpty() ? "default" : batch, System.getProperty("bench.fetch", "default"), mix,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            lines.forEach(System.out::println);
        } finally {
            server.shutdownNow();
        }
    }

    /** Appends registrations until the store holds {@code size} artisans; returns the store's event count. */
    private long fill(MongoEventStorageEngine engine, int size, boolean mix) throws Exception {
        int from = artisans.size();
        List<EventMessage<?>> registrations = new ArrayList<>();
        for (int i = from; i < size; i++) {
            String id = String.format("bench-%08d-%s", i, Long.toHexString(random.nextLong()));
            artisans.add(id);
            registrations.add(message(id, 0, registration(id, i)));
        }
        append(engine, registrations);
        if (mix) {
            List<EventMessage<?>> cards = new ArrayList<>();
            List<EventMessage<?>> suspensions = new ArrayList<>();
            for (int i = from; i < size; i++) {
                if (i % 10 == 0) {
                    cards.add(message(artisans.get(i), 1, new CardIssued(artisans.get(i), "C-" + i,
                            LocalDate.parse("2024-01-10"), LocalDate.parse("2029-01-09"), null)));
                }
            }
            append(engine, cards);
            for (int i = from; i < size; i++) {
                if (i % 20 == 0) {
                    suspensions.add(message(artisans.get(i), i % 10 == 0 ? 2 : 1,
                            new ArtisanSuspended(artisans.get(i), recordedInClear(artisans.get(i), "benchmark"))));
                }
            }
            append(engine, suspensions);
        }
        return engine.createHeadToken().position().orElse(-1) + 1;
    }

    /** One event per commit from many threads, as concurrent commands append them. */
    private static void append(MongoEventStorageEngine engine, List<EventMessage<?>> events) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        AtomicInteger next = new AtomicInteger();
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                writers.add(pool.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < events.size()) {
                        engine.appendEvents(events.get(i));
                    }
                }));
            }
            for (Future<?> writer : writers) {
                writer.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private Outcome rebuild(MongoDatabase database, MongoEventStorageEngine engine, MongoTokenStore tokens,
                            JacksonSerializer serializer, String batch, long events, Duration cap) throws Exception {
        ArtisanFolding folding = new ArtisanFolding();
        ArtisanProjection artisanProjection = new ArtisanProjection(new ArtisanViewRepository(database),
                new ArtisanSearchIndex(database), folding);
        CardProjection cardProjection = new CardProjection(new CardVerificationRepository(database), folding);
        // A rebuild: the read models dropped (what the reset handlers do) and the token gone, so the processor
        // starts again at the tail of the store.
        artisanProjection.reset();
        cardProjection.reset();
        database.getCollection("tracking_tokens").deleteMany(com.mongodb.client.model.Filters.eq("processorName", PROCESSOR));
        Configurer configurer = DefaultConfigurer.defaultConfiguration()
                .configureSerializer(c -> serializer)
                .configureEventSerializer(c -> serializer)
                .configureEmbeddedEventStore(c -> engine)
                .registerComponent(TokenStore.class, c -> tokens);
        QuerySideConfiguration wiring = new QuerySideConfiguration();
        wiring.configureProcessors(configurer.eventProcessing(), 1,
                batch.isEmpty() ? defaultBatchSize() : Integer.parseInt(batch));
        configurer.eventProcessing().registerEventHandler(c -> artisanProjection);
        configurer.eventProcessing().registerEventHandler(c -> cardProjection);
        Configuration axon = configurer.buildConfiguration();
        long last = events - 1;
        long tenth = Math.max(1, events / 10);
        long cpu0 = cpu();
        long gc0 = gcMillis();
        long t0 = System.nanoTime();
        long t90 = 0;
        long cpu90 = 0;
        long p90 = events - events / 10;
        long applied = 0;
        System.err.printf("  rebuild of %,d events starts at %s%n", events, java.time.LocalTime.now());
        axon.start();
        long t1;
        long cpu1;
        long gc1;
        try {
            long nextReport = tenth;
            // Polled rarely: reading the token costs the process CPU that would be counted against the projections.
            while (System.nanoTime() - t0 < cap.toNanos()) {
                applied = applied(tokens);
                if (applied > last) {
                    break;
                }
                if (t90 == 0 && applied >= p90) {
                    t90 = System.nanoTime();
                    cpu90 = cpu();
                }
                if (applied >= nextReport) {
                    System.err.printf("  rebuild: %,d / %,d events, %.0f s%n", applied, events,
                            (System.nanoTime() - t0) / 1e9);
                    nextReport = (applied / tenth + 1) * tenth;
                }
                Thread.sleep(250);
            }
        } finally {
            t1 = System.nanoTime();
            cpu1 = cpu();
            gc1 = gcMillis();
            System.err.printf("  rebuild ends at %s%n", java.time.LocalTime.now());
            axon.shutdown();
        }
        boolean complete = applied > last;
        if (complete) {
            verify(database);
        }
        return new Outcome(complete, Math.min(applied, events), t1 - t0, cpu1 - cpu0, gc1 - gc0,
                complete && t90 > 0 ? events - p90 : 0, t1 - t90, cpu1 - cpu90);
    }

    /** The rebuilt models are whole: every artisan has a view and the national bucket counts them all. */
    private void verify(MongoDatabase database) {
        assertThat(database.getCollection(ArtisanViewRepository.COLLECTION).estimatedDocumentCount())
                .isEqualTo(artisans.size());
        assertThat(new ArtisanSearchIndex(database).count(ArtisanSearchKeys.key(null, null, null, null)))
                .isEqualTo(artisans.size());
    }

    /** Events the processor has applied: one past the lowest position its segments' tokens cover. */
    private static long applied(MongoTokenStore tokens) {
        List<org.axonframework.eventhandling.TrackingToken> segments = tokens.peekTokens(PROCESSOR);
        if (segments.isEmpty()) {
            return 0;
        }
        long lowest = Long.MAX_VALUE;
        for (var token : segments) {
            lowest = Math.min(lowest, token == null ? -1 : token.position().orElse(-1));
        }
        return lowest + 1;
    }

    /** Mean time of one search page (index page plus the views it lists), for a few filters and depths. */
    private String pageReads(MongoDatabase database) {
        ArtisanSearchIndex index = new ArtisanSearchIndex(database);
        ArtisanViewRepository views = new ArtisanViewRepository(database);
        Map<String, String> keys = new java.util.LinkedHashMap<>();
        keys.put("all", ArtisanSearchKeys.key(null, null, null, null));
        keys.put("region+ACTIVE", ArtisanSearchKeys.key("MA-07", null, null, ArtisanStatus.ACTIVE));
        keys.put("province", ArtisanSearchKeys.key("MA-07", "MA-MAR", null, null));
        keys.put("province+branch+ACTIVE", ArtisanSearchKeys.key("MA-07", "MA-MAR", "B01", ArtisanStatus.ACTIVE));
        List<String> figures = new ArrayList<>();
        for (Map.Entry<String, String> key : keys.entrySet()) {
            long total = index.count(key.getValue());
            int deep = (int) Math.max(0, total / 20 / 2);
            for (int page : new int[] {0, deep}) {
                int rounds = 20;
                for (int warm = 0; warm < 5; warm++) {
                    views.findAll(index.page(key.getValue(), page, 20).artisanIds());
                }
                long t = System.nanoTime();
                for (int r = 0; r < rounds; r++) {
                    views.findAll(index.page(key.getValue(), page, 20).artisanIds());
                }
                figures.add(String.format("%s p%d %.1f ms", key.getKey(), page, (System.nanoTime() - t) / 1e6 / rounds));
            }
        }
        return String.join(", ", figures);
    }

    private static int defaultBatchSize() {
        // The query side's own default, read from the annotation so the benchmark follows it.
        try {
            var method = QuerySideConfiguration.class.getMethod("configureProcessors",
                    org.axonframework.config.EventProcessingConfigurer.class, int.class, int.class);
            String expression = method.getParameters()[2]
                    .getAnnotation(org.springframework.beans.factory.annotation.Value.class).value();
            return Integer.parseInt(expression.substring(expression.lastIndexOf(':') + 1, expression.length() - 1));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private ArtisanRegistered registration(String id, int i) {
        List<Geography.Province> provinces = geography.provinces();
        Geography.Province province = provinces.get(random.nextInt(provinces.size()));
        List<Nomenclature.Activity> activities = nomenclature.activities();
        Nomenclature.Activity activity = activities.get(random.nextInt(activities.size()));
        byte[] cipher = new byte[260];
        random.nextBytes(cipher);
        byte[] nonce = new byte[12];
        random.nextBytes(nonce);
        int years = 3 + random.nextInt(20);
        return new ArtisanRegistered(id, String.format("NIA-%09d", i), province.code(), province.regionCode(),
                activity.code(), activity.branchCode(), nomenclature.version(), i % 2 == 0 ? Gender.F : Gender.M,
                new RegisteredQualification(QualificationRoute.EXPERIENCE, years, null),
                years >= 10 ? ArtisanCategory.MASTER_ARTISAN : ArtisanCategory.ARTISAN,
                new SealedPersonalData(id, "AES-256-GCM", Base64.getEncoder().encodeToString(nonce),
                        Base64.getEncoder().encodeToString(cipher)));
    }

    private static EventMessage<?> message(String artisanId, long sequence, Object payload) {
        return new GenericDomainEventMessage<>("Artisan", artisanId, sequence, payload,
                Map.of("recordedBy", "bench-clerk", "chamber", "MA-07", "correlationId", artisanId + "#" + sequence,
                        "traceId", artisanId + "#" + sequence));
    }

    /** Milliseconds the JVM spent collecting garbage so far: the memory backend keeps the whole store on the heap. */
    private static long gcMillis() {
        long total = 0;
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Whole-rebuild figures and those of its last tenth (the cost per event once the models hold nearly everything). */
    private record Outcome(boolean complete, long events, long nanos, long cpuNanos, long gcMillis, long tailEvents,
                           long tailNanos, long tailCpuNanos) {
        @Override
        public String toString() {
            String all = String.format("%,.0f events/s, %.0f us CPU/event, GC %.0f%% of the time", events / (nanos / 1e9),
                    cpuNanos / 1e3 / Math.max(1, events), 100.0 * gcMillis / (nanos / 1e6));
            if (tailEvents == 0) {
                return all + " (" + String.format("%,d", events) + " events in " + String.format("%.0f s", nanos / 1e9) + ")";
            }
            return all + String.format(" | last tenth %,.0f events/s, %.0f us CPU/event", tailEvents / (tailNanos / 1e9),
                    tailCpuNanos / 1e3 / tailEvents);
        }
    }
}
