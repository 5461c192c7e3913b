package ma.crafts.register.bench;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.sun.management.OperatingSystemMXBean;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import ma.crafts.register.events.artisan.ArtisanRegistered;
import ma.crafts.register.events.artisan.ArtisanSuspended;
import ma.crafts.register.events.artisan.CardIssued;
import ma.crafts.register.platform.privacy.MasterKey;
import ma.crafts.register.platform.privacy.PersonalDataVault;
import ma.crafts.register.platform.security.CurrentActor;
import ma.crafts.register.query.ProjectionBatches;
import ma.crafts.register.query.ReadAccess;
import ma.crafts.register.query.RegisterCalendar;
import ma.crafts.register.query.artisan.ArtisanEvent;
import ma.crafts.register.query.artisan.ArtisanFolding;
import ma.crafts.register.query.artisan.ArtisanProjection;
import ma.crafts.register.query.eligibility.EligibilityModel;
import ma.crafts.register.platform.lease.Lease;
import ma.crafts.register.query.eligibility.ProgrammeJudge;
import ma.crafts.register.query.eligibility.RuleEngine;
import ma.crafts.register.query.eligibility.mongo.EligibilityRepository;
import ma.crafts.register.query.mongo.ArtisanSearchIndex;
import ma.crafts.register.query.artisan.mongo.ArtisanViewRepository;
import ma.crafts.register.query.mongo.CollectionNames;
import ma.crafts.register.query.reference.ReferenceCatalog;
import ma.crafts.register.query.statistics.ActorCounting;
import ma.crafts.register.query.statistics.EligibleCounting;
import ma.crafts.register.query.statistics.FlowCounting;
import ma.crafts.register.query.statistics.StatisticsFacts;
import ma.crafts.register.query.statistics.StatisticsProjection;
import ma.crafts.register.query.statistics.StatisticsQueries;
import ma.crafts.register.query.statistics.mongo.StatisticsStore;
import ma.crafts.register.reference.Geography;
import ma.crafts.register.reference.Nomenclature;
import ma.crafts.register.values.ArtisanCategory;
import ma.crafts.register.values.Gender;
import ma.crafts.register.values.LocalizedText;
import ma.crafts.register.values.PersonalData;
import ma.crafts.register.values.QualificationRoute;
import ma.crafts.register.values.RegisteredQualification;
import ma.crafts.register.values.SealedText;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * The statistics read model's figures on the embedded server (memory backend), in one process, without Spring or
 * HTTP: {@code ARTISANS} artisans registered over {@code SPAN_DAYS} days ending two days before "today" (five years by
 * default; 85 % with a card, 5 % suspended) are projected in units of work of {@value #BATCH}, as a tracking processor
 * batches them, by the artisan view alone, then by the view and the statistics; then the statistics are read.
 * Prints {@code RESULT stats_p99_ms= flows_p99_ms= register_rps_ratio= recount_equal=}:
 * <ul>
 *   <li>{@code stats_p99_ms}: p99 of {@code GET /statistics/actors} reads of up to two dimensions, with filters and
 *       with an {@code asOf} five months and two years back (the reads the issue's 20 ms target is about);</li>
 *   <li>{@code flows_p99_ms}: p99 of a five-year monthly flow series by region (the 50 ms target);</li>
 *   <li>{@code register_rps_ratio}: the events per second the register's projections keep up with when the
 *       statistics projection runs beside the view, over the view alone: the registration rate the register sustains
 *       with its projections caught up, with the statistics against without them (the process's CPU time per
 *       event is printed beside it, a figure other programs on a shared machine do not inflate);</li>
 *   <li>{@code recount_equal}: the counts by province and status, by province and card status, and as of a past
 *       day, equal the generator's own tally.</li>
 * </ul>
 */
public final class StatisticsBenchmark {

    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final int BATCH = 500;
    private static final MessageHandlerInterceptor<EventMessage<?>> FLUSHING =
            ProjectionBatches.flushing("benchmark", Optional::empty);
    private static final int READS = 450;
    private static final Instant TODAY = Instant.parse("2026-06-01T12:00:00Z");
    private static final LocalDate AS_OF = LocalDate.parse("2025-12-31");

    private final Progress progress = new Progress();
    private final Random random = new Random(17L);
    private final Geography geography = Geography.load();
    private final Nomenclature nomenclature = Nomenclature.load();
    /** {@code province/status/card} to the number of artisans, now and at the end of {@link #AS_OF}. */
    private final Map<String, Long> tally = new HashMap<>();
    private final Map<String, Long> tallyAsOf = new HashMap<>();

    private StatisticsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int artisans = Integer.parseInt(System.getenv().getOrDefault("ARTISANS", "20000"));
        long spanDays = Long.parseLong(System.getenv().getOrDefault("SPAN_DAYS", "1826"));
        new StatisticsBenchmark().run(artisans, spanDays);
    }

    private void run(int artisans, long spanDays) throws Exception {
        MongoServer server = new MongoServer(new MemoryBackend());
        StatisticsCommands statisticsCommands = new StatisticsCommands();
        try (MongoClient client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(server.bindAndGetConnectionString()))
                .addCommandListener(statisticsCommands).build())) {
            MongoDatabase database = client.getDatabase("bench");
            PersonalDataVault vault = new PersonalDataVault(database, MasterKey.random(), 1024, Duration.ofMinutes(5));
            ReferenceCatalog catalog = new ReferenceCatalog(geography, nomenclature);
            List<DomainEventMessage<?>> events = generate(artisans, spanDays, vault);
            ArtisanFolding folding = new ArtisanFolding();
            progress.say("%,d artisans, %,d events; projecting the view alone", artisans, events.size());

            ArtisanProjection viewOnly = view(database, "a_", folding);
            Projected view = project(events, viewOnly::on);
            progress.say("view alone: %,.0f events/s; projecting the view and the statistics",
                    view.perSecond());
            ArtisanProjection viewBeside = view(database, "b_", folding);
            StatisticsStore store = new StatisticsStore(database, CollectionNames.FIRST_GENERATION);
            StatisticsProjection statistics = new StatisticsProjection(store, folding,
                    new StatisticsFacts(vault, catalog));
            statisticsCommands.on = true;
            Projected both = project(events, message -> {
                viewBeside.on(message);
                statistics.on(message);
            });
            statisticsCommands.on = false;
            progress.say("view and statistics: %,.0f events/s; reading", both.perSecond());

            actAsAnalyst();
            RegisterCalendar calendar = new RegisterCalendar(Clock.fixed(TODAY, ZoneOffset.UTC), ZoneOffset.UTC);
            EligibilityModel eligibility = new EligibilityModel(
                    new EligibilityRepository(database, CollectionNames.FIRST_GENERATION),
                    new ProgrammeJudge(new RuleEngine(), calendar, null), List::of, calendar, folding,
                    new Lease("benchmark", Duration.ofMinutes(1)));
            StatisticsQueries queries = new StatisticsQueries(new ActorCounting(store, catalog),
                    new EligibleCounting(eligibility, List::of, store, catalog), new FlowCounting(store, catalog),
                    catalog, new ReadAccess(new CurrentActor()), calendar);
            List<Map<String, String>> actorReads = List.of(Map.of(), Map.of("groupBy", "regionCode,gender"),
                    Map.of("groupBy", "provinceCode,status"), Map.of("groupBy", "branchCode,cardStatus"),
                    Map.of("groupBy", "activityCode", "regionCode", "MA-07"),
                    Map.of("groupBy", "ageBand,gender", "status", "ACTIVE"),
                    Map.of("groupBy", "regionCode,status", "asOf", AS_OF.toString()),
                    Map.of("groupBy", "provinceCode,cardStatus", "asOf", "2024-02-14"),
                    Map.of("groupBy", "branchCode,gender", "provinceCode", "MA-MAR", "cardStatus", "VALID"));
            Timings actorTimes = timed(READS, i -> queries.actors(actorReads.get(i % actorReads.size())));
            Timings flowTimes = timed(READS, i -> queries.flows(Map.of("measure", "registrations", "interval", "month",
                    "from", "2021-06", "to", "2026-05", "groupBy", "regionCode")));
            boolean equal = matchesTally(queries, tally, Map.of("groupBy", "provinceCode,status"), 0, 1)
                    && matchesTally(queries, tally, Map.of("groupBy", "provinceCode,cardStatus"), 0, 2)
                    && matchesTally(queries, tallyAsOf, Map.of("groupBy", "provinceCode,cardStatus",
                            "asOf", AS_OF.toString()), 0, 2);
            SecurityContextHolder.clearContext();

            System.out.printf(Locale.ROOT, "Statistics on mongo-java-server (memory): %,d artisans over %,d days, "
                    + "%,d events%n", artisans, spanDays, events.size());
            System.out.printf(Locale.ROOT, "  projections: view alone %,.0f events/s (CPU %.2f ms an event), view and "
                    + "statistics %,.0f events/s (CPU %.2f ms an event); CPU ratio %.2f%n", view.perSecond(),
                    view.cpuMillisPerEvent(), both.perSecond(), both.cpuMillisPerEvent(),
                    view.cpuMillisPerEvent() / both.cpuMillisPerEvent());
            double batches = Math.ceil(events.size() / (double) BATCH);
            System.out.printf(Locale.ROOT, "  statistics per batch of %d events: %.1f round trips (%.1f reads), %,.0f "
                    + "documents written%n", BATCH, statisticsCommands.roundTrips.sum() / batches,
                    statisticsCommands.reads.sum() / batches, statisticsCommands.written.sum() / batches);
            for (int kind = 0; kind < actorReads.size(); kind++) {
                Timings ofKind = actorTimes.every(actorReads.size(), kind);
                System.out.printf(Locale.ROOT, "  actors %s: p99 %.1f ms, CPU %.1f ms a read%n", actorReads.get(kind),
                        ofKind.p99Millis(), ofKind.meanCpuMillis());
            }
            System.out.printf(Locale.ROOT, "  flows, 60 months by region: p99 %.1f ms, CPU %.1f ms a read%n",
                    flowTimes.p99Millis(), flowTimes.meanCpuMillis());
            System.out.printf(Locale.ROOT, "RESULT stats_p99_ms=%.1f flows_p99_ms=%.1f register_rps_ratio=%.2f "
                    + "recount_equal=%s%n", actorTimes.p99Millis(), flowTimes.p99Millis(), both.perSecond() / view.perSecond(),
                    equal);
        } finally {
            server.shutdownNow();
        }
    }

    /** A ministry analyst's verified token in the security context, as the API's filter chain puts it. */
    private static void actAsAnalyst() {
        Jwt jwt = Jwt.withTokenValue("bench").header("alg", "none").subject("bench")
                .claim(CurrentActor.ROLES_CLAIM, List.of("MINISTRY_ANALYST")).build();
        SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(jwt, List.of()));
    }

    /** Whether the counts of a read by two dimensions equal a tally ({@code province/status/card}) by those parts. */
    private static boolean matchesTally(StatisticsQueries queries, Map<String, Long> tally,
                                        Map<String, String> read, int first, int second) {
        Map<String, Long> counted = new HashMap<>();
        queries.actors(read).groups().forEach(g -> counted.put(String.join("/", g.key().values()), g.count()));
        Map<String, Long> expected = new HashMap<>();
        tally.forEach((key, n) -> {
            String[] parts = key.split("/");
            expected.merge(parts[first] + "/" + parts[second], n, Long::sum);
        });
        return counted.equals(expected);
    }

    private static ArtisanProjection view(MongoDatabase database, String prefix, ArtisanFolding folding) {
        CollectionNames names = base -> prefix + base;
        return new ArtisanProjection(new ArtisanViewRepository(database, names),
                new ArtisanSearchIndex(database, names), folding);
    }

    /** A projection run: its events, wall time and the process's CPU time. */
    /** The commands sent to the statistics' collections while {@link #on}: round trips, reads, documents written. */
    private static final class StatisticsCommands implements CommandListener {
        private final LongAdder roundTrips = new LongAdder();
        private final LongAdder reads = new LongAdder();
        private final LongAdder written = new LongAdder();
        private volatile boolean on;

        @Override
        public void commandStarted(CommandStartedEvent event) {
            BsonDocument command = event.getCommand();
            BsonValue collection = command.get(event.getCommandName());
            if (!on || collection == null || !collection.isString()
                    || !collection.asString().getValue().startsWith("query_statistics")) {
                return;
            }
            roundTrips.increment();
            if ("find".equals(event.getCommandName())) {
                reads.increment();
            }
            for (String documents : List.of("updates", "documents")) {
                if (command.containsKey(documents)) {
                    written.add(command.getArray(documents).size());
                }
            }
        }
    }

    private record Projected(int events, long wallNanos, long cpuNanos) {

        double perSecond() {
            return events / (wallNanos / 1e9);
        }

        double cpuMillisPerEvent() {
            return cpuNanos / 1e6 / events;
        }
    }

    /**
     * Projects every event, {@value #BATCH} to a unit of work, as a tracking processor does: in a batching unit of
     * work, so that the projections read what the whole batch needs with one lookup, and with the interceptor that
     * writes their batches after its last event.
     */
    private static Projected project(List<DomainEventMessage<?>> events, Consumer<DomainEventMessage<?>> handler) {
        long cpuStart = OS.getProcessCpuTime();
        long start = System.nanoTime();
        for (int from = 0; from < events.size(); from += BATCH) {
            BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(
                    List.copyOf(events.subList(from, Math.min(events.size(), from + BATCH))));
            ResultMessage<?> result = batch.executeWithResult(() -> new DefaultInterceptorChain<EventMessage<?>>(batch,
                    List.of(FLUSHING), message -> {
                        handler.accept((DomainEventMessage<?>) message);
                        return null;
                    }).proceed());
            if (result.isExceptional()) {
                throw new IllegalStateException("A projection failed", result.exceptionResult());
            }
        }
        return new Projected(events.size(), System.nanoTime() - start, OS.getProcessCpuTime() - cpuStart);
    }

    /**
     * Each read's wall time and the process's CPU time over it (reader, driver and embedded server together: a cost
     * that other programs on a shared machine do not inflate as they do the wall time).
     */
    private record Timings(long[] wallNanos, long[] cpuNanos) {

        /** Every {@code step}-th read from {@code first}. */
        Timings every(int step, int first) {
            int n = (wallNanos.length - first + step - 1) / step;
            long[] wall = new long[n];
            long[] cpu = new long[n];
            for (int i = 0; i < n; i++) {
                wall[i] = wallNanos[first + i * step];
                cpu[i] = cpuNanos[first + i * step];
            }
            return new Timings(wall, cpu);
        }

        double p99Millis() {
            long[] sorted = wallNanos.clone();
            Arrays.sort(sorted);
            return sorted[(int) Math.ceil(sorted.length * 0.99) - 1] / 1e6;
        }

        double meanCpuMillis() {
            return Arrays.stream(cpuNanos).average().orElse(0) / 1e6;
        }
    }

    /** Times {@code reads} reads, in their order, after a third as many to warm up. */
    private static Timings timed(int reads, IntConsumer read) {
        for (int i = 0; i < reads / 3; i++) {
            read.accept(i);
        }
        long[] wall = new long[reads];
        long[] cpu = new long[reads];
        for (int i = 0; i < reads; i++) {
            long cpuStart = OS.getProcessCpuTime();
            long start = System.nanoTime();
            read.accept(i);
            wall[i] = System.nanoTime() - start;
            cpu[i] = OS.getProcessCpuTime() - cpuStart;
        }
        return new Timings(wall, cpu);
    }

    private List<DomainEventMessage<?>> generate(int artisans, long spanDays, PersonalDataVault vault) {
        List<DomainEventMessage<?>> events = new ArrayList<>();
        List<Geography.Province> provinces = geography.provinces();
        List<Nomenclature.Activity> activities = nomenclature.activities();
        Instant endOfAsOf = AS_OF.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        long spanSeconds = Duration.ofDays(spanDays).getSeconds();
        Instant first = TODAY.minus(Duration.ofDays(2)).minusSeconds(spanSeconds);
        long position = 0;
        for (int i = 0; i < artisans; i++) {
            String id = "a" + i;
            Geography.Province province = provinces.get(random.nextInt(provinces.size()));
            Nomenclature.Activity activity = activities.get(random.nextInt(activities.size()));
            Instant at = first.plusSeconds(spanSeconds * i / artisans);
            PersonalData data = new PersonalData("BE" + (100000 + i), new LocalizedText("أ", "A"),
                    new LocalizedText("ب", "B"), LocalDate.of(1950 + random.nextInt(55), 1 + random.nextInt(12), 10),
                    null, null);
            events.add(message(id, 0, position++, at, new ArtisanRegistered(id, "NIA-" + id,
                    province.code(), province.regionCode(), activity.code(), activity.branchCode(),
                    nomenclature.version(), random.nextBoolean() ? Gender.F : Gender.M,
                    new RegisteredQualification(QualificationRoute.EXPERIENCE, 3, null), ArtisanCategory.ARTISAN,
                    vault.seal(id, data))));
            String card = "NONE";
            String cardAsOf = "NONE";
            long sequence = 1;
            if (random.nextDouble() < 0.85) {
                LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
                Instant issued = at.plusSeconds(60);
                events.add(message(id, sequence++, position++, issued,
                        new CardIssued(id, "C-" + i, day, day.plusYears(10), null)));
                card = "VALID";
                cardAsOf = issued.isBefore(endOfAsOf) ? card : cardAsOf;
            }
            String status = "ACTIVE";
            String statusAsOf = status;
            if (random.nextDouble() < 0.05) {
                Instant suspended = at.plusSeconds(120);
                events.add(message(id, sequence, position++, suspended, new ArtisanSuspended(id, SealedText.recordedInClear(id, "bench"))));
                status = "SUSPENDED";
                statusAsOf = suspended.isBefore(endOfAsOf) ? status : statusAsOf;
            }
            tally.merge(province.code() + "/" + status + "/" + card, 1L, Long::sum);
            if (at.isBefore(endOfAsOf)) {
                tallyAsOf.merge(province.code() + "/" + statusAsOf + "/" + cardAsOf, 1L, Long::sum);
            }
        }
        return events;
    }

    /** An artisan's event as the store delivers it, its global position in the metadata. */
    private static DomainEventMessage<?> message(String artisanId, long sequence, long position, Instant at,
                                                 Object payload) {
        return new GenericDomainEventMessage<>("Artisan", artisanId, sequence, payload,
                Map.of(ArtisanEvent.GLOBAL_POSITION, position, "recordedBy", "bench-clerk", "chamber", "MA-07",
                        "correlationId", artisanId + "#" + sequence), UUID.randomUUID().toString(), at);
    }
}
