package ma.crafts.register.query.statistics;

import ma.crafts.register.query.CountGroup;
import static ma.crafts.register.values.SealedText.recordedInClear;
import static ma.crafts.register.query.support.TestEvents.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import ma.crafts.register.errors.ForbiddenException;
import ma.crafts.register.errors.InvalidInputException;
import ma.crafts.register.events.artisan.ArtisanJoinedProfessionalBody;
import ma.crafts.register.events.artisan.ArtisanRegistered;
import ma.crafts.register.events.artisan.ArtisanRelocated;
import ma.crafts.register.events.artisan.ArtisanStruckOff;
import ma.crafts.register.events.artisan.ArtisanSuspended;
import ma.crafts.register.events.artisan.CardIssued;
import ma.crafts.register.events.cooperative.CooperativeRegistered;
import ma.crafts.register.platform.privacy.MasterKey;
import ma.crafts.register.platform.privacy.PersonalDataVault;
import ma.crafts.register.platform.security.CurrentActor;
import ma.crafts.register.query.ProjectionBatches;
import ma.crafts.register.query.QueryProcessors;
import ma.crafts.register.query.ReadAccess;
import ma.crafts.register.query.RegisterCalendar;
import ma.crafts.register.query.artisan.ArtisanFolding;
import ma.crafts.register.query.eligibility.EligibilityModel;
import ma.crafts.register.platform.lease.Lease;
import ma.crafts.register.query.eligibility.ProgrammeJudge;
import ma.crafts.register.query.eligibility.RuleEngine;
import ma.crafts.register.query.eligibility.mongo.EligibilityRepository;
import ma.crafts.register.query.mongo.CollectionNames;
import ma.crafts.register.query.reference.ReferenceCatalog;
import ma.crafts.register.query.statistics.mongo.StatisticsStore;
import ma.crafts.register.query.support.Acting;
import ma.crafts.register.query.support.InMemoryMongo;
import ma.crafts.register.reference.Geography;
import ma.crafts.register.reference.Nomenclature;
import ma.crafts.register.values.ArtisanCategory;
import ma.crafts.register.values.Gender;
import ma.crafts.register.values.LocalizedText;
import ma.crafts.register.values.PersonalData;
import ma.crafts.register.values.QualificationRoute;
import ma.crafts.register.values.RegisteredQualification;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The statistics projection fed with event messages on mongo-java-server, read through the statistics reads. */
class StatisticsProjectionTest {

    private static final Instant DAY1 = Instant.parse("2026-03-10T09:00:00Z");
    private static final Instant DAY2 = Instant.parse("2026-04-02T09:00:00Z");
    private static final Instant TODAY = Instant.parse("2026-06-01T12:00:00Z");
    /** A programme defined, of which the eligibility model serves no version yet. */
    private static final String PROGRAMME = "AMO-NON-TAXED";

    private InMemoryMongo mongo;
    private MasterKey masterKey;
    private PersonalDataVault vault;
    private ReferenceCatalog catalog;
    private StatisticsStore store;
    private StatisticsProjection projection;
    private StatisticsQueries queries;

    @BeforeEach
    void setUp() {
        mongo = new InMemoryMongo();
        masterKey = MasterKey.random();
        vault = new PersonalDataVault(mongo.database(), masterKey, 16, Duration.ofMinutes(1));
        catalog = new ReferenceCatalog(Geography.load(), Nomenclature.load());
        store = new StatisticsStore(mongo.database(), CollectionNames.FIRST_GENERATION);
        projection = new StatisticsProjection(store, new ArtisanFolding(), new StatisticsFacts(vault, catalog));
        RegisterCalendar calendar = new RegisterCalendar(Clock.fixed(TODAY, ZoneOffset.UTC), ZoneOffset.UTC);
        EligibilityModel eligibility = new EligibilityModel(
                new EligibilityRepository(mongo.database(), CollectionNames.FIRST_GENERATION),
                new ProgrammeJudge(new RuleEngine(), calendar, null), List::of, calendar, new ArtisanFolding(),
                new Lease("statistics-test", Duration.ofMinutes(1)));
        queries = new StatisticsQueries(new ActorCounting(store, catalog),
                new EligibleCounting(eligibility, () -> List.of(PROGRAMME), store, catalog),
                new FlowCounting(store, catalog), catalog, new ReadAccess(new CurrentActor()), calendar);
        Acting.as("analyst", "MINISTRY_ANALYST", null);
    }

    @AfterEach
    void tearDown() {
        Acting.nobody();
        mongo.close();
    }

    /** Two artisans in Marrakech-Safi, one in Casablanca-Settat, a cooperative, and their lifecycle. */
    private List<DomainEventMessage<?>> lifecycle() {
        return List.of(
                message("a1", 0, 10, DAY1, registered("a1", "MA-MAR", "MA-07", "B01", Gender.F, "1990-05-20")),
                message("a2", 0, 11, DAY1, registered("a2", "MA-SAF", "MA-07", "B06", Gender.M, "1960-01-02")),
                message("a3", 0, 12, DAY1, registered("a3", "MA-CAS", "MA-06", "B01", Gender.F, "2000-11-30")),
                new GenericDomainEventMessage<>("Cooperative", "c1", 0, new CooperativeRegistered("c1", "NIA-c1",
                        new LocalizedText("تعاونية", "Coopérative"), "MA-MAR", "MA-07", List.of("B01-001"),
                        List.of("B01"), "2021-provisional-1", Gender.F, null), Map.of("globalPosition", 13L),
                        "c1-0", DAY1),
                message("a1", 1, 14, DAY1, new CardIssued("a1", "C-1", LocalDate.parse("2026-03-10"),
                        LocalDate.parse("2031-03-09"), null)),
                message("a1", 2, 15, DAY2, new ArtisanJoinedProfessionalBody("a1", "body-1", "B01",
                        LocalDate.parse("2026-04-02"))),
                message("a2", 1, 16, DAY2, new ArtisanSuspended("a2", recordedInClear("a2", "inquiry"))),
                message("a3", 1, 17, DAY2, new ArtisanRelocated("a3", "MA-CAS", "MA-06", "MA-MAR", "MA-07", null)),
                message("a2", 2, 18, DAY2, new ArtisanStruckOff("a2", recordedInClear("a2", "final"))));
    }

    private ArtisanRegistered registered(String id, String province, String region, String branch, Gender gender,
                                         String birthDate) {
        PersonalData data = new PersonalData("AB" + Math.abs(id.hashCode() % 100000), new LocalizedText("أ", "A"),
                new LocalizedText("ب", "B"), LocalDate.parse(birthDate), null, null);
        return new ArtisanRegistered(id, "NIA-" + id, province, region, branch + "-001", branch, "2021-provisional-1",
                gender, new RegisteredQualification(QualificationRoute.EXPERIENCE, 3, null), ArtisanCategory.ARTISAN,
                vault.seal(id, data));
    }

    private void deliver(List<DomainEventMessage<?>> messages) {
        messages.forEach(projection::on);
    }

    private Map<String, Long> counts(Map<String, String> parameters) {
        Map<String, Long> counts = new HashMap<>();
        for (CountGroup group : queries.actors(parameters).groups()) {
            counts.put(String.join("/", group.key().values()), group.count());
        }
        return counts;
    }

    @Test
    void countsFollowEveryMoveAndFilter() {
        deliver(lifecycle());

        assertThat(counts(Map.of("groupBy", "regionCode,gender")))
                .isEqualTo(Map.of("MA-07/F", 2L, "MA-07/M", 1L, "MA-07/NONE", 1L));
        assertThat(counts(Map.of("groupBy", "status", "actorKind", "ARTISAN")))
                .isEqualTo(Map.of("ACTIVE", 2L, "STRUCK_OFF", 1L));
        assertThat(counts(Map.of("groupBy", "provinceCode", "regionCode", "MA-07", "status", "ACTIVE")))
                .isEqualTo(Map.of("MA-MAR", 3L));
        assertThat(counts(Map.of("groupBy", "cardStatus,member", "actorKind", "artisan")))
                .isEqualTo(Map.of("VALID/true", 1L, "NONE/false", 2L));
        assertThat(counts(Map.of("groupBy", "ageBand", "actorKind", "ARTISAN")))
                .isEqualTo(Map.of("35-44", 1L, "65+", 1L, "25-34", 1L));
        assertThat(queries.actors(Map.of()).total()).isEqualTo(4);
        assertThat(queries.actors(Map.of()).position()).isEqualTo(18);
    }

    @Test
    void stockAsOfAPastDayIsTheCountsBeforeLaterChanges() {
        deliver(lifecycle());

        assertThat(counts(Map.of("groupBy", "regionCode,status", "asOf", "2026-03-31")))
                .isEqualTo(Map.of("MA-07/ACTIVE", 3L, "MA-06/ACTIVE", 1L));
        assertThat(counts(Map.of("groupBy", "regionCode", "asOf", "2026-03-09"))).isEmpty();
        assertThat(counts(Map.of("groupBy", "regionCode", "asOf", "2026-04-02")))
                .isEqualTo(counts(Map.of("groupBy", "regionCode")));
        assertThatThrownBy(() -> queries.actors(Map.of("asOf", "2026-06-02"))).isInstanceOf(InvalidInputException.class);
        // Those reads name no trade dimension (the summary family), whose changes are the main family's, not kept.
        assertThat(mongo.database().getCollection(StatisticsStore.STOCK_DELTAS).find()
                .map(d -> d.getString("_id")).into(new ArrayList<>()))
                .isNotEmpty().noneMatch(id -> id.endsWith("~summary"));
    }

    @Test
    void aDayOfAClosedMonthIsReadFromTheNearerSnapshotKeptByTheFirstReadThatNeedsIt() {
        deliver(lifecycle());
        deliver(List.of(message("a4", 0, 19, Instant.parse("2026-05-20T09:00:00Z"),
                registered("a4", "MA-CAS", "MA-06", "B01", Gender.M, "1980-01-01"))));
        Map<String, Long> endOfMarch = Map.of("MA-07/ACTIVE", 3L, "MA-06/ACTIVE", 1L);

        // April is closed (every writer is past May 1st): its first day from March's snapshot plus one day...
        assertThat(counts(Map.of("groupBy", "regionCode,status", "asOf", "2026-04-01"))).isEqualTo(endOfMarch);
        // ... a later day from April's snapshot minus the days after it.
        assertThat(counts(Map.of("groupBy", "regionCode,status", "asOf", "2026-04-20")))
                .isEqualTo(Map.of("MA-07/ACTIVE", 3L, "MA-07/STRUCK_OFF", 1L));
        MongoCollection<Document> snapshots = mongo.database().getCollection(StatisticsStore.STOCK_SNAPSHOTS);
        assertThat(snapshots.find(Filters.eq("_id", "M|2026-03|R:MA-06|~summary")).first())
                .isNotNull().satisfies(d -> assertThat(d.keySet()).hasSize(2));
        assertThat(snapshots.find(Filters.eq("_id", "M|2026-04|R:MA-06|~summary")).first())
                .isNotNull().satisfies(d -> assertThat(d.keySet()).containsExactly("_id"));
        // May is not closed: no snapshot of it, the current counts minus the later days.
        assertThat(counts(Map.of("groupBy", "regionCode", "asOf", "2026-05-19")))
                .isEqualTo(Map.of("MA-07", 4L));
        assertThat(snapshots.countDocuments(Filters.eq("_id", "M|2026-05|R:MA-06|~summary"))).isZero();
        // Kept snapshots answer again, alike.
        assertThat(counts(Map.of("groupBy", "regionCode,status", "asOf", "2026-03-31"))).isEqualTo(endOfMarch);
    }

    @Test
    void aTrackingBatchIsReadWithOneLookupPerCollectionAndWrittenWithOneBulkPerCollection() {
        List<DomainEventMessage<?>> events = lifecycle();
        // A process that sealed none of these keys (a query node of the split deployment, or a rebuild).
        StatisticsProjection cold = new StatisticsProjection(store, new ArtisanFolding(), new StatisticsFacts(
                new PersonalDataVault(mongo.database(), masterKey, 16, Duration.ofMinutes(1)), catalog));
        mongo.commands().clear();

        assertThat(inBatch(cold, events.subList(0, 4)).isExceptional()).isFalse();
        // the folded states, the personal-data keys, the writer's record (its first batch in this process), and the
        // count markers of cells, stock deltas and flows (a writer without a record may have counted before)
        assertThat(collectionsOf("find")).containsExactlyInAnyOrder(StatisticsStore.ACTORS,
                PersonalDataVault.COLLECTION, StatisticsStore.WRITERS, StatisticsStore.CELLS,
                StatisticsStore.STOCK_DELTAS, StatisticsStore.FLOWS);
        mongo.commands().clear();

        assertThat(inBatch(cold, events.subList(4, events.size())).isExceptional()).isFalse();
        // the folded states only: the same artisans' keys are known, and the writer never began this batch's events
        assertThat(collectionsOf("find")).containsExactly(StatisticsStore.ACTORS);
        // what the writer begins, the counts of each, the bookkeeping (position, branches, days), the folded states
        assertThat(collectionsOf("update")).containsExactlyInAnyOrder(StatisticsStore.WRITERS, StatisticsStore.CELLS,
                StatisticsStore.STOCK_DELTAS, StatisticsStore.FLOWS, StatisticsStore.CELLS, StatisticsStore.ACTORS);
        assertThat(counts(Map.of("groupBy", "ageBand", "actorKind", "ARTISAN")))
                .isEqualTo(Map.of("35-44", 1L, "65+", 1L, "25-34", 1L));
    }

    /** Projects {@code events} as one tracking batch, written at its end as the processor's interceptor does. */
    private static ResultMessage<?> inBatch(StatisticsProjection projection, List<DomainEventMessage<?>> events) {
        BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(List.copyOf(events));
        MessageHandlerInterceptor<EventMessage<?>> flushing =
                ProjectionBatches.flushing(QueryProcessors.STATISTICS_PROJECTIONS, Optional::empty);
        return batch.executeWithResult(() -> new DefaultInterceptorChain<EventMessage<?>>(batch,
                List.of(flushing), message -> {
                    projection.on((DomainEventMessage<?>) message);
                    return null;
                }).proceed());
    }

    /** The collection of each command of a kind ({@code find}, {@code update}) sent since the commands were cleared. */
    private List<String> collectionsOf(String command) {
        return mongo.commands().stream().filter(c -> c.containsKey(command)).map(c -> c.getString(command).getValue())
                .toList();
    }

    @Test
    void flowsCountPerDayAndMonthAndRelocationsBothWays() {
        deliver(lifecycle());

        FlowStatistics registrations = queries.flows(Map.of("measure", "registrations", "interval", "month",
                "from", "2026-02", "to", "2026-04", "groupBy", "actorKind"));
        assertThat(registrations.series()).extracting(s -> s.key().get("actorKind")).containsExactly("ARTISAN",
                "COOPERATIVE");
        assertThat(registrations.series().get(0).points()).extracting(FlowStatistics.Point::count)
                .containsExactly(0L, 3L, 0L);
        FlowStatistics relocations = queries.flows(Map.of("measure", "relocations", "interval", "day",
                "from", "2026-04-02", "to", "2026-04-02", "groupBy", "regionCode"));
        assertThat(relocations.series()).extracting(s -> s.key().toString())
                .containsExactly("{regionCode=MA-06, direction=out}", "{regionCode=MA-07, direction=in}");
        FlowStatistics strikeOffs = queries.flows(Map.of("measure", "strikeOffs", "from", "2026-04", "to", "2026-04"));
        assertThat(strikeOffs.series()).singleElement().satisfies(s ->
                assertThat(s.points()).extracting(FlowStatistics.Point::count).containsExactly(1L));
    }

    @Test
    void aBatchDeliveredAgainOrAfterItsStatesWereLostCountsOnce() {
        deliver(lifecycle());
        Map<String, Long> once = counts(Map.of("groupBy", "provinceCode,status"));

        deliver(lifecycle());
        assertThat(counts(Map.of("groupBy", "provinceCode,status"))).isEqualTo(once);
        // A crash after the counts and before the states: the events come again to artisans the projection forgot.
        mongo.database().getCollection(StatisticsStore.ACTORS).drop();
        deliver(lifecycle());
        assertThat(counts(Map.of("groupBy", "provinceCode,status"))).isEqualTo(once);
        assertThat(queries.flows(Map.of("measure", "registrations", "from", "2026-03", "to", "2026-03"))
                .series().get(0).points().get(0).count()).isEqualTo(4);
    }

    @Test
    void aLateCommitDeliveredAfterHigherPositionsIsCountedOnce() {
        List<DomainEventMessage<?>> events = lifecycle();
        List<DomainEventMessage<?>> shuffled = new ArrayList<>(events);
        // The cooperative's commit (position 13) lands late: delivered last, the tokens before it hold it as a gap.
        DomainEventMessage<?> late = shuffled.remove(3);
        shuffled.add(late);
        Set<Long> pending = new TreeSet<>(Set.of(13L));
        List<GenericTrackedDomainEventMessage<?>> tracked = new ArrayList<>();
        for (DomainEventMessage<?> event : shuffled) {
            long position = (Long) event.getMetaData().get("globalPosition");
            pending.remove(position);
            long index = Math.max(position, tracked.isEmpty() ? -1
                    : tracked.get(tracked.size() - 1).trackingToken().position().orElse(-1));
            tracked.add(new GenericTrackedDomainEventMessage<>(
                    GapAwareTrackingToken.newInstance(index, new TreeSet<>(pending.stream().filter(p -> p < index).toList())),
                    event));
        }
        DefaultUnitOfWork.startAndGet(null).execute(() -> tracked.forEach(projection::on));
        Map<String, Long> first = counts(Map.of("groupBy", "provinceCode"));
        // Delivered again, in any order: nothing is counted twice.
        Collections.shuffle(tracked, new Random(7));
        tracked.forEach(projection::on);
        assertThat(counts(Map.of("groupBy", "provinceCode"))).isEqualTo(first)
                .isEqualTo(Map.of("MA-MAR", 3L, "MA-SAF", 1L));
        assertThat(counts(Map.of("groupBy", "actorKind"))).isEqualTo(Map.of("ARTISAN", 3L, "COOPERATIVE", 1L));
    }

    @Test
    void eligibleForNamesADefinedProgrammeCombinesWithTerritoryAndBranchOnlyAndIsCountedForTodayOnly() {
        deliver(lifecycle());

        assertThat(queries.actors(Map.of("groupBy", "eligibleFor,regionCode")).groups())
                .as("a programme not judged yet counts nobody").isEmpty();
        assertThatThrownBy(() -> queries.actors(Map.of("eligibleFor", "NO-SUCH-PROGRAMME")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("NO-SUCH-PROGRAMME");
        assertThatThrownBy(() -> queries.actors(Map.of("groupBy", "eligibleFor,gender")))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> queries.actors(Map.of("groupBy", "eligibleFor", "asOf", "2026-05-01")))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void theGaugeCountsActorsPerRegionAndStatus() {
        deliver(lifecycle());
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new ActorGauges(new ActorCounting(store, catalog), Clock.fixed(TODAY, ZoneOffset.UTC), Duration.ofSeconds(15))
                .register(registry, catalog);

        assertThat(registry.get(ActorGauges.NAME).tags("region", "MA-07", "status", "ACTIVE").gauge().value())
                .isEqualTo(3.0);
        assertThat(registry.get(ActorGauges.NAME).tags("region", "MA-07", "status", "STRUCK_OFF").gauge().value())
                .isEqualTo(1.0);
        assertThat(registry.get(ActorGauges.NAME).gauges()).hasSize(12 * 3);
    }

    @Test
    void unknownDimensionsAndCodesAreRefusedAndClerksReadTheirOwnRegion() {
        deliver(lifecycle());

        assertThatThrownBy(() -> queries.actors(Map.of("groupBy", "colour"))).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> queries.actors(Map.of("regionCode", "MA-99"))).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> queries.actors(Map.of("groupBy", "regionCode,gender,status")))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> queries.actors(Map.of("groupBy", "ageBand,branchCode")))
                .isInstanceOf(InvalidInputException.class);

        Acting.as("clerk", "CHAMBER_CLERK", "MA-06");
        assertThat(counts(Map.of("groupBy", "regionCode"))).isEqualTo(Map.of());
        assertThatThrownBy(() -> queries.actors(Map.of("regionCode", "MA-07"))).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> queries.actors(Map.of("provinceCode", "MA-MAR")))
                .isInstanceOf(ForbiddenException.class);
        Acting.as("clerk", "CHAMBER_CLERK", "MA-07");
        assertThat(counts(Map.of("groupBy", "regionCode"))).isEqualTo(Map.of("MA-07", 4L));
    }
}
