package ma.crafts.register.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import ma.crafts.register.events.artisan.ArtisanRegistered;
import ma.crafts.register.events.artisan.CardIssued;
import ma.crafts.register.events.programme.ActorKind;
import ma.crafts.register.events.programme.ConditionType;
import ma.crafts.register.events.programme.EligibilityRule;
import ma.crafts.register.eventstore.MongoEventStorageEngine;
import ma.crafts.register.eventstore.MongoTokenStore;
import ma.crafts.register.query.QueryProcessors;
import ma.crafts.register.query.QuerySideConfiguration;
import ma.crafts.register.query.RegisterCalendar;
import ma.crafts.register.query.artisan.ArtisanFolding;
import ma.crafts.register.query.artisan.ArtisanProjection;
import ma.crafts.register.query.artisan.ArtisanState;
import ma.crafts.register.query.artisan.mongo.ArtisanViewRepository;
import ma.crafts.register.query.eligibility.EligibilityModel;
import ma.crafts.register.platform.lease.Lease;
import ma.crafts.register.query.eligibility.EligibilityProjection;
import ma.crafts.register.query.eligibility.ProgrammeJudge;
import ma.crafts.register.query.eligibility.RuleEngine;
import ma.crafts.register.query.eligibility.mongo.EligibilityRepository;
import ma.crafts.register.query.mongo.ArtisanSearchIndex;
import ma.crafts.register.query.mongo.CollectionNames;
import ma.crafts.register.query.programme.ProgrammeHistory;
import ma.crafts.register.query.programme.ProgrammeVersion;
import ma.crafts.register.reference.Geography;
import ma.crafts.register.reference.Nomenclature;
import ma.crafts.register.values.ArtisanCategory;
import ma.crafts.register.values.Gender;
import ma.crafts.register.values.LocalizedText;
import ma.crafts.register.values.QualificationRoute;
import ma.crafts.register.values.RegisteredQualification;
import ma.crafts.register.values.SealedPersonalData;
import org.HdrHistogram.Histogram;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.RawBsonDocument;

/**
 * The eligibility model's figures on the embedded server (memory backend), in one process, without Spring or HTTP:
 * <ol>
 *   <li>{@code ARTISANS} registrations (every other one with a card) are appended as commands append them;</li>
 *   <li>the artisan view is rebuilt from position 0 by the query side's processor, wired as the query side wires it:
 *       events per second, against the raw-driver replay ceiling of {@code bench/event-store.sh} ({@link Ceiling}),
 *       measured in the same run on its own workload of the same number of events;</li>
 *   <li>the eligibility model is built by its projection, three programmes defined;</li>
 *   <li>one programme is revised and the recompute pass runs in the background while one reader thread does what
 *       {@code GET /api/v1/artisans/{id}/eligibility} does without {@code asOf} (the artisan view read by {@code _id},
 *       then the model's verdicts) for random artisans: verdicts per second of the pass, time to switch, read p99.</li>
 * </ol>
 * Prints {@code RESULT recompute_vps= eligibility_p99_during_ms= rebuild_vs_ceiling=}.
 */
public final class EligibilityBenchmark {

    private static final int BATCH = 500;
    /** Reads timed before the revision, so the run's own floor (the machine's load, the collector) is known. */
    private static final Duration QUIET_READING = Duration.ofSeconds(10);
    private static final String REVISED = "CTM-BENCH";
    /** Sealed personal data of a realistic size; the model never opens it (no programme here asks for an age). */
    private static final String NONCE = "bm9uY2UtYmVuY2g=";
    private static final String CIPHERTEXT = Base64.getEncoder().encodeToString(new byte[260]);

    private final Progress progress = new Progress();
    private final Random random = new Random(20261207L);
    private final Geography geography = Geography.load();
    private final Nomenclature nomenclature = Nomenclature.load();
    private final List<String> artisans = new ArrayList<>();

    private EligibilityBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int size = Integer.parseInt(System.getenv().getOrDefault("ARTISANS", "50000"));
        // The query side's default share (register.query.eligibility.pass-share); 1 runs the pass flat out.
        double passShare = Double.parseDouble(System.getenv().getOrDefault("PASS_SHARE", "0.5"));
        new EligibilityBenchmark().run(size, passShare);
    }

    private void run(int size, double passShare) throws Exception {
        MongoServer server = new MongoServer(new MemoryBackend());
        try (MongoClient client = MongoClients.create(server.bindAndGetConnectionString())) {
            MongoDatabase database = client.getDatabase("eligibility");
            JacksonSerializer serializer = JacksonSerializer.builder()
                    .objectMapper(new ObjectMapper().findAndRegisterModules()).build();
            MongoEventStorageEngine engine = MongoEventStorageEngine.builder().database(database)
                    .eventSerializer(serializer).snapshotSerializer(serializer).build();
            MongoTokenStore tokens = new MongoTokenStore(database, serializer, Duration.ofSeconds(10));

            progress.say("filling %,d artisans", size);
            long events = fill(engine, size);
            progress.say("%,d events; rebuilding the artisan view", events);
            ArtisanFolding folding = new ArtisanFolding();
            ArtisanProjection artisanView = new ArtisanProjection(new ArtisanViewRepository(database),
                    new ArtisanSearchIndex(database), folding);
            // The first rebuild also compiles the code paths: run it once untimed.
            replay(engine, tokens, serializer, artisanView);
            artisanView.reset();
            Rate.Clock rebuildClock = Rate.Clock.start();
            replay(engine, tokens, serializer, artisanView);
            Rate rebuild = rebuildClock.stop(events);
            progress.say("artisan view rebuilt at %,.0f events/s", rebuild.perSecond());

            List<ProgrammeHistory> programmes = new ArrayList<>(List.of(
                    history("ONCF-BENCH", 1, rule("card", ConditionType.HAS_VALID_CARD),
                            rule("active", ConditionType.STATUS_IS, "ACTIVE")),
                    history("AMO-BENCH", 1, rule("route", ConditionType.QUALIFICATION_ROUTE_IN, "EXPERIENCE"),
                            years(8)),
                    history(REVISED, 1, rule("regions", ConditionType.REGION_IN, "MA-07", "MA-08"),
                            rule("women", ConditionType.GENDER_IS, "F"))));
            RegisterCalendar calendar = new RegisterCalendar(Clock.systemUTC(), ZoneId.of("Africa/Casablanca"));
            EligibilityModel model = new EligibilityModel(
                    new EligibilityRepository(database, CollectionNames.FIRST_GENERATION),
                    new ProgrammeJudge(new RuleEngine(), calendar, null), () -> List.copyOf(programmes), calendar,
                    folding, new Lease("benchmark", Duration.ofMinutes(1)), passShare);
            model.recomputeIfDue();
            progress.say("building the eligibility model");
            Rate.Clock modelClock = Rate.Clock.start();
            replay(engine, tokens, serializer, new EligibilityProjection(model, () -> { }));
            progress.say("eligibility model built at %,.0f events/s", modelClock.stop(events).perSecond());
            double recordBytes = averageRecordBytes(database);

            ArtisanViewRepository views = new ArtisanViewRepository(database);
            progress.say("reading for %d s with no recompute running", QUIET_READING.toSeconds());
            Reads quiet = new Reads(views, model);
            long quietUntil = System.nanoTime() + QUIET_READING.toNanos();
            while (System.nanoTime() < quietUntil) {
                quiet.readOne(artisans.get(random.nextInt(artisans.size())));
            }
            progress.say("quiet reads: %s", quiet);

            programmes.set(2, programmes.get(2).with(version(REVISED, 2,
                    rule("regions", ConditionType.REGION_IN, "MA-01", "MA-04", "MA-07"))));
            progress.say("%s revised; recomputing while reading", REVISED);
            CompletableFuture<EligibilityModel.PassOutcome> recompute =
                    CompletableFuture.supplyAsync(() -> model.recomputeIfDue().orElseThrow());
            Reads during = new Reads(views, model);
            while (!recompute.isDone()) {
                during.readOne(artisans.get(random.nextInt(artisans.size())));
            }
            EligibilityModel.PassOutcome pass = recompute.get();
            double vps = pass.verdicts() / (pass.judgingNanos() / 1e9);
            double p99 = during.total.getValueAtPercentile(99) / 1000.0;
            progress.say("pass: %,d actors, %,d verdicts in %.1f s; switch %.1f ms; reads %s",
                    pass.actors(), pass.verdicts(), pass.judgingNanos() / 1e9, pass.switchNanos() / 1e6, during);

            double ceiling = ceiling(client.getDatabase("ceiling"), events);
            progress.say("replay ceiling %,.0f events/s", ceiling);
            System.out.printf(Locale.ROOT, "Eligibility on mongo-java-server (memory): %,d artisans, %,d events, "
                    + "pass share %.2f%n", size, events, passShare);
            System.out.printf(Locale.ROOT, "  artisan view rebuild %,.0f events/s; replay ceiling %,.0f events/s%n",
                    rebuild.perSecond(), ceiling);
            System.out.printf(Locale.ROOT, "  recompute of %s: %,d actors, %,d verdicts in %.1f s (%,.0f verdicts/s), "
                            + "switch in %.1f ms%n", REVISED, pass.actors(), pass.verdicts(), pass.judgingNanos() / 1e9,
                    vps, pass.switchNanos() / 1e6);
            System.out.printf(Locale.ROOT, "  eligibility record: %,.0f bytes of BSON on average (%d programmes, one "
                    + "with two versions written)%n", recordBytes, programmes.size());
            System.out.printf(Locale.ROOT, "  eligibility reads with no recompute running: %s%n", quiet);
            System.out.printf(Locale.ROOT, "  eligibility reads during the recompute: %s%n", during);
            System.out.printf(Locale.ROOT, "RESULT recompute_vps=%.0f eligibility_p99_during_ms=%.2f rebuild_vs_ceiling=%.2f%n",
                    vps, p99, rebuild.perSecond() / ceiling);
        } finally {
            server.shutdownNow();
        }
    }

    /**
     * What {@code GET /api/v1/artisans/{id}/eligibility} does without {@code asOf}, timed whole and by step: a step
     * alone slow points at its collection (a writer holding its monitor), both slow at the CPU or the collector.
     */
    private static final class Reads {
        private final ArtisanViewRepository views;
        private final EligibilityModel model;
        private final Histogram total = new Histogram(3_600_000_000L, 3);
        private final Histogram view = new Histogram(3_600_000_000L, 3);
        private final Histogram verdicts = new Histogram(3_600_000_000L, 3);

        Reads(ArtisanViewRepository views, EligibilityModel model) {
            this.views = views;
            this.model = model;
        }

        void readOne(String artisanId) {
            long t0 = System.nanoTime();
            ArtisanState state = views.find(artisanId).orElseThrow();
            long t1 = System.nanoTime();
            model.verdicts(ActorKind.ARTISAN, state);
            long t2 = System.nanoTime();
            view.recordValue((t1 - t0) / 1000);
            verdicts.recordValue((t2 - t1) / 1000);
            total.recordValue((t2 - t0) / 1000);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%,d, p50 %.2f ms, p99 %.2f ms, max %.2f ms (p99 of the view read "
                            + "%.2f ms, of the verdicts read %.2f ms)", total.getTotalCount(),
                    total.getValueAtPercentile(50) / 1000.0, total.getValueAtPercentile(99) / 1000.0,
                    total.getMaxValue() / 1000.0, view.getValueAtPercentile(99) / 1000.0,
                    verdicts.getValueAtPercentile(99) / 1000.0);
        }
    }

    /** The BSON size of the eligibility records, on average over the first thousand; one is shown on stderr. */
    private double averageRecordBytes(MongoDatabase database) {
        List<RawBsonDocument> records = database.getCollection(EligibilityRepository.ACTORS, RawBsonDocument.class)
                .find().limit(1000).into(new ArrayList<>());
        progress.say("one eligibility record: %s", records.get(0).toJson());
        return records.stream().mapToInt(record -> record.getByteBuffer().remaining()).average().orElse(0);
    }

    /** The best raw-driver replay of bench/event-store.sh, on its own account workload of {@code events} events. */
    private double ceiling(MongoDatabase database, long events) throws Exception {
        try (StoreUnderTest store = new RegisterStore(database, JacksonSerializer.defaultSerializer(), 1000, 64,
                OptionalInt.empty()).start()) {
            store.fill(new Workload(events, events), progress);
            return new Ceiling(database, 1000, 4, progress).measure(events, 1000, Duration.ofMinutes(5))
                    .replay().best().rate().perSecond();
        }
    }

    /** Replays the whole store through {@code projection} on the query side's processor; returns once all is applied. */
    private void replay(MongoEventStorageEngine engine, MongoTokenStore tokens, JacksonSerializer serializer,
                        Object projection) throws InterruptedException {
        Configurer configurer = DefaultConfigurer.defaultConfiguration()
                .configureSerializer(c -> serializer)
                .configureEventSerializer(c -> serializer)
                .configureEmbeddedEventStore(c -> engine)
                .registerComponent(TokenStore.class, c -> tokens);
        new QuerySideConfiguration().configureProcessors(configurer.eventProcessing(), 1, BATCH);
        configurer.eventProcessing().registerEventHandler(c -> projection);
        Configuration axon = configurer.buildConfiguration();
        axon.start();
        try {
            // The head counts positions closed without an event, which a token never passes: wait for the last event.
            long last = lastEventPosition(engine);
            while (applied(tokens) < last) {
                Thread.sleep(100);
            }
        } finally {
            axon.shutdown();
            forgetToken(tokens);
        }
    }

    /** Forgets the processor's token, so the next replay starts at position 0 again. */
    private static void forgetToken(MongoTokenStore tokens) {
        for (int segment : tokens.fetchSegments(QueryProcessors.ARTISAN_PROJECTIONS)) {
            tokens.fetchToken(QueryProcessors.ARTISAN_PROJECTIONS, segment);
            tokens.deleteToken(QueryProcessors.ARTISAN_PROJECTIONS, segment);
        }
    }

    private static long lastEventPosition(MongoEventStorageEngine engine) {
        return engine.readEvents(null, false).reduce((first, second) -> second)
                .flatMap(event -> event.trackingToken().position().stream().boxed().findFirst()).orElse(-1L);
    }

    /** The lowest position the processor's segments have applied; -1 before the first token. */
    private static long applied(MongoTokenStore tokens) {
        long lowest = Long.MAX_VALUE;
        for (TrackingToken token : tokens.peekTokens(QueryProcessors.ARTISAN_PROJECTIONS)) {
            lowest = Math.min(lowest, token == null ? -1 : token.position().orElse(-1));
        }
        return lowest == Long.MAX_VALUE ? -1 : lowest;
    }

    /** Registrations, then a card for every other artisan, one event per commit; returns the events appended. */
    private long fill(MongoEventStorageEngine engine, int size) {
        List<EventMessage<?>> registrations = new ArrayList<>(size);
        List<EventMessage<?>> cards = new ArrayList<>(size / 2);
        LocalDate today = LocalDate.now(ZoneId.of("Africa/Casablanca"));
        for (int i = 0; i < size; i++) {
            String id = String.format("bench-%08d", i);
            artisans.add(id);
            registrations.add(message(id, 0, registration(id, i)));
            if (i % 2 == 0) {
                cards.add(message(id, 1, new CardIssued(id, "C-" + i, today.minusYears(1), today.plusYears(4), null)));
            }
        }
        append(engine, registrations);
        append(engine, cards);
        return registrations.size() + cards.size();
    }

    /** One event per commit from 16 threads, so that group commit packs them as it packs concurrent commands. */
    private static void append(MongoEventStorageEngine engine, List<EventMessage<?>> events) {
        AtomicInteger next = new AtomicInteger();
        Workers.run(16, () -> {
            int i;
            while ((i = next.getAndIncrement()) < events.size()) {
                engine.appendEvents(events.get(i));
            }
        });
    }

    /** Artisans spread evenly over the provinces and activities, half of them women, 3 to 22 years of practice. */
    private ArtisanRegistered registration(String id, int i) {
        Geography.Province province = geography.provinces().get(i % geography.provinces().size());
        Nomenclature.Activity activity = nomenclature.activities().get((i * 7) % nomenclature.activities().size());
        int years = 3 + i % 20;
        return new ArtisanRegistered(id, String.format("NIA-%09d", i), province.code(), province.regionCode(),
                activity.code(), activity.branchCode(), nomenclature.version(), i % 2 == 0 ? Gender.F : Gender.M,
                new RegisteredQualification(QualificationRoute.EXPERIENCE, years, null),
                years >= 10 ? ArtisanCategory.MASTER_ARTISAN : ArtisanCategory.ARTISAN,
                new SealedPersonalData(id, "AES-256-GCM", NONCE, CIPHERTEXT));
    }

    private static EventMessage<?> message(String artisanId, long sequence, Object payload) {
        return new GenericDomainEventMessage<>("Artisan", artisanId, sequence, payload,
                Map.of("recordedBy", "bench-clerk", "chamber", "MA-07", "correlationId", artisanId + "#" + sequence));
    }

    private static ProgrammeHistory history(String programId, int version, EligibilityRule... rules) {
        return new ProgrammeHistory(programId, List.of(version(programId, version, rules)));
    }

    private static ProgrammeVersion version(String programId, int version, EligibilityRule... rules) {
        Instant now = Instant.now();
        return new ProgrammeVersion(programId, version, now.minus(Duration.ofDays(1)).plusSeconds(version), "bench",
                new LocalizedText("برنامج", "Programme"), false, "benchmark", List.of(rules), "benchmark", "bench", now);
    }

    private static EligibilityRule rule(String name, ConditionType type, String... values) {
        return new EligibilityRule(name, type, List.of(values), null, null, null, null, false, null);
    }

    private static EligibilityRule years(int years) {
        return new EligibilityRule("years", ConditionType.YEARS_OF_PRACTICE_AT_LEAST, List.of(), years, null, null,
                null, false, null);
    }
}
