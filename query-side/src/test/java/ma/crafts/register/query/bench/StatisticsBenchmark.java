package ma.crafts.register.query.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import ma.crafts.register.events.artisan.ArtisanRegistered;
import ma.crafts.register.events.artisan.ArtisanSuspended;
import ma.crafts.register.events.artisan.CardIssued;
import ma.crafts.register.platform.privacy.MasterKey;
import ma.crafts.register.platform.privacy.PersonalDataVault;
import ma.crafts.register.platform.security.CurrentActor;
import ma.crafts.register.query.ReadAccess;
import ma.crafts.register.query.RegisterCalendar;
import ma.crafts.register.query.artisan.ArtisanFolding;
import ma.crafts.register.query.artisan.ArtisanProjection;
import ma.crafts.register.query.mongo.ArtisanSearchIndex;
import ma.crafts.register.query.artisan.mongo.ArtisanViewRepository;
import ma.crafts.register.query.mongo.CollectionNames;
import ma.crafts.register.query.reference.ReferenceCatalog;
import ma.crafts.register.query.statistics.ActorCounting;
import ma.crafts.register.query.statistics.FlowCounting;
import ma.crafts.register.query.statistics.StatisticsFacts;
import ma.crafts.register.query.statistics.StatisticsProjection;
import ma.crafts.register.query.statistics.StatisticsQueries;
import ma.crafts.register.query.statistics.mongo.StatisticsStore;
import ma.crafts.register.query.support.Acting;
import ma.crafts.register.query.support.TestEvents;
import ma.crafts.register.reference.Geography;
import ma.crafts.register.reference.Nomenclature;
import ma.crafts.register.values.ArtisanCategory;
import ma.crafts.register.values.Gender;
import ma.crafts.register.values.LocalizedText;
import ma.crafts.register.values.PersonalData;
import ma.crafts.register.values.Qualification;
import ma.crafts.register.values.QualificationRoute;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The statistics at N artisans, in one process on mongo-java-server's memory backend: artisans registered over five
 * years ({@code bench.spanDays}; 85 % with a card, 5 % suspended) are projected in batches of 500 by the artisan view alone, then by the view
 * and the statistics, and the statistics are read. Not part of the test run:
 *
 * <pre>mvn -o -pl query-side -am test -Dtest=StatisticsBenchmark -Dbench=true -Dbench.artisans=20000
 *     -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * Prints {@code RESULT stats_p99_ms= flows_p99_ms= register_rps_ratio= recount_equal=}. Here
 * {@code register_rps_ratio} is the projection throughput of the view with the statistics over the view alone (what
 * the statistics take from a register whose projections keep up with registrations; the HTTP run of
 * {@code bench/register-http.sh} is not wired to it yet), and {@code recount_equal} compares the counts with the
 * generator's own tally by province and status, and by province and card status.
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class StatisticsBenchmark {

    private static final int BATCH = 500;
    private static final int READS = 300;
    private static final Instant TODAY = Instant.parse("2026-06-01T12:00:00Z");

    private final Random random = new Random(17L);
    private final Geography geography = Geography.load();
    private final Nomenclature nomenclature = Nomenclature.load();
    private final Map<String, Long> tally = new HashMap<>();

    @Test
    void statistics() throws Exception {
        int artisans = Integer.getInteger("bench.artisans", 20_000);
        MongoServer server = new MongoServer(new MemoryBackend());
        try (MongoClient client = MongoClients.create(server.bindAndGetConnectionString())) {
            MongoDatabase database = client.getDatabase("bench");
            PersonalDataVault vault = new PersonalDataVault(database, MasterKey.random(), 1024, Duration.ofMinutes(5));
            ReferenceCatalog catalog = new ReferenceCatalog(geography, nomenclature);
            List<DomainEventMessage<?>> events = generate(artisans, vault);
            ArtisanFolding folding = new ArtisanFolding();

            ArtisanProjection viewOnly = view(database, "a_", folding);
            double viewSeconds = project(events, viewOnly::on);
            ArtisanProjection view = view(database, "b_", folding);
            StatisticsStore store = new StatisticsStore(database, CollectionNames.FIRST_GENERATION);
            StatisticsProjection statistics = new StatisticsProjection(store, folding,
                    new StatisticsFacts(vault, catalog));
            double bothSeconds = project(events, message -> {
                view.on(message);
                statistics.on(message);
            });

            Acting.as("bench", "MINISTRY_ANALYST", null);
            StatisticsQueries queries = new StatisticsQueries(new ActorCounting(store, catalog),
                    new FlowCounting(store, catalog), catalog, new ReadAccess(new CurrentActor()),
                    new RegisterCalendar(Clock.fixed(TODAY, ZoneOffset.UTC), ZoneOffset.UTC));
            List<Map<String, String>> actorReads = List.of(Map.of(), Map.of("groupBy", "regionCode,gender"),
                    Map.of("groupBy", "provinceCode,status"), Map.of("groupBy", "branchCode,cardStatus"),
                    Map.of("groupBy", "activityCode", "regionCode", "MA-07"),
                    Map.of("groupBy", "ageBand,gender", "status", "ACTIVE"),
                    Map.of("groupBy", "regionCode,status", "asOf", "2025-12-31"),
                    Map.of("groupBy", "branchCode,gender", "provinceCode", "MA-MAR", "cardStatus", "VALID"));
            double statsP99 = p99(READS, i -> queries.actors(actorReads.get(i % actorReads.size())));
            double flowsP99 = p99(READS, i -> queries.flows(Map.of("measure", "registrations", "interval", "month",
                    "from", "2021-06", "to", "2026-05", "groupBy", "regionCode")));
            boolean equal = matchesTally(queries, "provinceCode,status", 0, 1)
                    && matchesTally(queries, "provinceCode,cardStatus", 0, 2);
            Acting.nobody();

            System.out.printf(Locale.ROOT, "N=%d events=%d view_only_events_per_s=%.0f view_and_statistics_events_per_s=%.0f%n",
                    artisans, events.size(), events.size() / viewSeconds, events.size() / bothSeconds);
            System.out.printf(Locale.ROOT, "RESULT stats_p99_ms=%.1f flows_p99_ms=%.1f register_rps_ratio=%.2f recount_equal=%s%n",
                    statsP99, flowsP99, viewSeconds / bothSeconds, equal);
        } finally {
            server.shutdownNow();
        }
    }

    /** Whether the counts by two dimensions equal the generator's tally ({@code province/status/card}) by those parts. */
    private boolean matchesTally(StatisticsQueries queries, String groupBy, int first, int second) {
        Map<String, Long> counted = new HashMap<>();
        queries.actors(Map.of("groupBy", groupBy))
                .groups().forEach(g -> counted.put(String.join("/", g.key().values()), g.count()));
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

    /** Seconds to project every event, {@value #BATCH} to a unit of work as a tracking processor would. */
    private static double project(List<DomainEventMessage<?>> events, Consumer<DomainEventMessage<?>> handler) {
        long start = System.nanoTime();
        for (int from = 0; from < events.size(); from += BATCH) {
            List<DomainEventMessage<?>> batch = events.subList(from, Math.min(events.size(), from + BATCH));
            DefaultUnitOfWork.startAndGet(null).execute(() -> batch.forEach(handler));
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static double p99(int reads, java.util.function.IntConsumer read) {
        for (int i = 0; i < reads / 3; i++) {
            read.accept(i);
        }
        long[] nanos = new long[reads];
        for (int i = 0; i < reads; i++) {
            long start = System.nanoTime();
            read.accept(i);
            nanos[i] = System.nanoTime() - start;
        }
        java.util.Arrays.sort(nanos);
        return nanos[(int) Math.ceil(reads * 0.99) - 1] / 1e6;
    }

    private List<DomainEventMessage<?>> generate(int artisans, PersonalDataVault vault) {
        List<DomainEventMessage<?>> events = new ArrayList<>();
        List<Geography.Province> provinces = geography.provinces();
        List<Nomenclature.Activity> activities = nomenclature.activities();
        long position = 0;
        // bench.spanDays: the days the registrations are spread over, ending two days before "today" (default five
        // years, for the flow series; a live register's batches hold one day's events).
        long spanSeconds = Duration.ofDays(Long.getLong("bench.spanDays", 1_826)).getSeconds();
        Instant first = TODAY.minus(Duration.ofDays(2)).minusSeconds(spanSeconds);
        for (int i = 0; i < artisans; i++) {
            String id = "a" + i;
            Geography.Province province = provinces.get(random.nextInt(provinces.size()));
            Nomenclature.Activity activity = activities.get(random.nextInt(activities.size()));
            Instant at = first.plusSeconds(spanSeconds * i / artisans);
            PersonalData data = new PersonalData("BE" + (100000 + i), new LocalizedText("أ", "A"),
                    new LocalizedText("ب", "B"), LocalDate.of(1950 + random.nextInt(55), 1 + random.nextInt(12), 10),
                    null, null);
            events.add(TestEvents.message(id, 0, position++, at, new ArtisanRegistered(id, "NIA-" + id,
                    province.code(), province.regionCode(), activity.code(), activity.branchCode(),
                    nomenclature.version(), random.nextBoolean() ? Gender.F : Gender.M,
                    new Qualification(QualificationRoute.EXPERIENCE, 3, null), ArtisanCategory.ARTISAN,
                    vault.seal(id, data))));
            String status = "ACTIVE";
            String card = "NONE";
            long sequence = 1;
            if (random.nextDouble() < 0.85) {
                LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
                events.add(TestEvents.message(id, sequence++, position++, at.plusSeconds(60),
                        new CardIssued(id, "C-" + i, day, day.plusYears(10), null)));
                card = "VALID";
            }
            if (random.nextDouble() < 0.05) {
                events.add(TestEvents.message(id, sequence, position++, at.plusSeconds(120),
                        new ArtisanSuspended(id, "bench")));
                status = "SUSPENDED";
            }
            tally.merge(province.code() + "/" + status + "/" + card, 1L, Long::sum);
        }
        return events;
    }
}
