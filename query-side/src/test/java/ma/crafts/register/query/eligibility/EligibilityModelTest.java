package ma.crafts.register.query.eligibility;

import static ma.crafts.register.values.SealedText.recordedInClear;
import static ma.crafts.register.query.support.TestEvents.message;
import static ma.crafts.register.query.support.TestEvents.registered;
import static ma.crafts.register.query.support.TestEvents.sealed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import ma.crafts.register.events.artisan.ArtisanRelocated;
import ma.crafts.register.events.artisan.ArtisanSuspended;
import ma.crafts.register.events.artisan.CardIssued;
import ma.crafts.register.events.cooperative.CooperativeRegistered;
import ma.crafts.register.events.cooperative.CooperativeReinstated;
import ma.crafts.register.events.cooperative.CooperativeSuspended;
import ma.crafts.register.events.enterprise.EnterpriseRegistered;
import ma.crafts.register.events.enterprise.EnterpriseStruckOff;
import ma.crafts.register.events.programme.ActorKind;
import ma.crafts.register.events.programme.ConditionType;
import ma.crafts.register.events.programme.EligibilityRule;
import ma.crafts.register.events.programme.ProgrammeRevised;
import ma.crafts.register.platform.lease.Lease;
import ma.crafts.register.query.RegisterCalendar;
import ma.crafts.register.query.artisan.ArtisanFolding;
import ma.crafts.register.query.artisan.ArtisanSearchKeys;
import ma.crafts.register.query.artisan.ArtisanState;
import ma.crafts.register.query.eligibility.mongo.EligibilityRepository;
import ma.crafts.register.query.mongo.CollectionNames;
import ma.crafts.register.query.programme.ProgrammeHistory;
import ma.crafts.register.query.programme.ProgrammeVersion;
import ma.crafts.register.query.support.InMemoryMongo;
import ma.crafts.register.values.ArtisanStatus;
import ma.crafts.register.values.Gender;
import ma.crafts.register.values.LocalizedText;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The eligibility model on the embedded MongoDB, fed with event messages as the store delivers them: verdicts, lists
 * and counts follow actor events, a revision is served only once a pass has judged everyone, and the date moves
 * verdicts that depend on it.
 */
class EligibilityModelTest {

    private static final Instant T0 = Instant.parse("2026-01-10T09:00:00Z");
    private static final String AMO = "AMO-TEST";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
    private final List<ProgrammeHistory> programmes = new CopyOnWriteArrayList<>();
    private final AtomicInteger wakes = new AtomicInteger();
    private static final Duration LEASE_TERM = Duration.ofSeconds(60);

    private InMemoryMongo mongo;
    private RegisterCalendar calendar;
    private EligibilityRepository repository;
    private EligibilityModel model;
    private EligibilityProjection projection;
    private long position;

    @BeforeEach
    void setUp() {
        mongo = new InMemoryMongo();
        calendar = new RegisterCalendar(clock, ZoneId.of("Africa/Casablanca"));
        repository = new EligibilityRepository(mongo.database(), CollectionNames.FIRST_GENERATION);
        model = process("this process", new ProgrammeJudge(new RuleEngine(), calendar, null));
        projection = new EligibilityProjection(model, wakes::incrementAndGet);
    }

    @AfterEach
    void tearDown() {
        mongo.close();
    }

    @Test
    void verdictsListsAndCountsFollowEveryActorEvent() {
        define(1, rule("region", ConditionType.REGION_IN, "MA-07"), rule("status", ConditionType.STATUS_IS, "ACTIVE"));
        assertThat(model.recomputeIfDue()).isPresent();
        register("a1", "MA-MAR", "MA-07");
        register("a2", "MA-MAR", "MA-07");
        register("a3", "MA-RAB", "MA-04");

        assertThat(eligibleIds(1, "MA-07")).containsExactly("a1", "a2");
        assertThat(count(1, "MA-07")).isEqualTo(2);
        assertThat(count(1, "MA-04")).isZero();
        assertThat(verdictOf("a3").eligible()).isFalse();

        apply("a1", 1, new ArtisanSuspended("a1", recordedInClear("a1", "inquiry")));
        apply("a3", 1, new ArtisanRelocated("a3", "MA-RAB", "MA-04", "MA-MAR", "MA-07", sealed("a3")));

        assertThat(verdictOf("a1").eligible()).isFalse();
        assertThat(verdictOf("a3").eligible()).isTrue();
        assertThat(eligibleIds(1, "MA-07")).containsExactly("a2", "a3");
        assertThat(count(1, "MA-07")).isEqualTo(2);
        assertThat(countsByRegion(1)).isEqualTo(recountByRegion(1));
    }

    @Test
    void aCooperativeAndAnEnterpriseAreJudgedListedCountedAndRecomputedWithTheArtisans() {
        define(1, rule("region", ConditionType.REGION_IN, "MA-07"), rule("status", ConditionType.STATUS_IS, "ACTIVE"));
        assertThat(model.recomputeIfDue()).isPresent();
        register("a1", "MA-MAR", "MA-07");
        apply("c1", 0, new CooperativeRegistered("c1", "NIA-c1", new LocalizedText("تعاونية", "Coopérative"),
                "MA-ESI", "MA-07", List.of("B03-002", "B01-001"), List.of("B03", "B01"), "2021-provisional-1",
                Gender.M, sealed("c1")));
        apply("e1", 0, new EnterpriseRegistered("e1", "NIA-e1", new LocalizedText("مقاولة", "Entreprise"),
                "MA-RAB", "MA-04", List.of("B01-001"), List.of("B01"), "2021-provisional-1", "a1", Gender.F,
                sealed("e1")));

        EligibilityRecord cooperative = repository.find("c1").orElseThrow();
        assertThat(cooperative.kind()).isEqualTo(ActorKind.COOPERATIVE);
        assertThat(cooperative.state().branchCode()).as("its main activity's branch").isEqualTo("B03");
        assertThat(repository.find("e1").orElseThrow().kind()).isEqualTo(ActorKind.ENTERPRISE);
        assertThat(verdictOf("c1").eligible()).isTrue();
        assertThat(verdictOf("e1").eligible()).isFalse();
        assertThat(model.eligible(AMO, 1, ArtisanSearchKeys.key("MA-07", null, null, null), 0, 100).records())
                .extracting(EligibilityRecord::actorId, EligibilityRecord::kind)
                .containsExactly(tuple("a1", ActorKind.ARTISAN), tuple("c1", ActorKind.COOPERATIVE));
        assertThat(model.count(AMO, 1, ArtisanSearchKeys.key(null, null, "B03", null))).isEqualTo(1);

        apply("c1", 1, new CooperativeSuspended("c1", recordedInClear("c1", "inquiry")));
        apply("e1", 1, new EnterpriseStruckOff("e1", recordedInClear("e1", "closed")));
        assertThat(verdictOf("c1").eligible()).isFalse();
        assertThat(repository.find("e1").orElseThrow().state().status()).isEqualTo(ArtisanStatus.STRUCK_OFF);
        assertThat(count(1, "MA-07")).isEqualTo(1);
        apply("c1", 2, new CooperativeReinstated("c1", recordedInClear("c1", "cleared")));
        assertThat(eligibleIds(1, "MA-07")).containsExactly("a1", "c1");

        revise(2, clock.instant(), rule("artisans", ConditionType.ACTOR_KIND_IN, "ARTISAN"),
                rule("women", ConditionType.GENDER_IS, "F"));
        assertThat(verdictOf("c1").programVersion()).as("served from version 1 until the pass").isEqualTo(1);
        assertThat(model.recomputeIfDue()).isPresent();

        ProgrammeEligibility revised = verdictOf("c1");
        assertThat(revised.programVersion()).isEqualTo(2);
        assertThat(revised.eligible()).isFalse();
        assertThat(revised.reasons()).extracting(reason -> reason.detail().fr()).containsExactly(
                "programme non ouvert aux coopératives ; ouvert à : ARTISAN",
                "condition propre à l'artisan, personne physique ; ne s'applique pas à une coopérative");
        assertThat(verdictOf("a1").eligible()).isTrue();
        assertThat(eligibleIds(2, null)).containsExactly("a1");
        assertThat(countsByRegion(2)).isEqualTo(recountByRegion(2));
    }

    @Test
    void aRevisionIsServedOnlyOnceEveryActorHasBeenJudgedByIt() throws Exception {
        define(1, rule("region", ConditionType.REGION_IN, "MA-07"));
        model.recomputeIfDue();
        for (int i = 0; i < 600; i++) {
            register(String.format("a%03d", i), i % 3 == 0 ? "MA-RAB" : "MA-MAR", i % 3 == 0 ? "MA-04" : "MA-07");
        }
        assertThat(count(1, null)).isEqualTo(400);
        revise(2, clock.instant(), rule("region", ConditionType.REGION_IN, "MA-04"));
        assertThat(wakes.get()).isPositive();
        assertThat(model.readableVersion(AMO)).contains(1);

        CompletableFuture<Void> recompute = CompletableFuture.runAsync(() -> model.recomputeIfDue());
        List<Integer> seen = new ArrayList<>();
        int reads = 0;
        while (!recompute.isDone() || reads == 0) {
            int version = model.readableVersion(AMO).orElseThrow();
            List<ProgrammeEligibility> verdicts = model.verdicts(ActorKind.ARTISAN,
                    repository.find("a000").orElseThrow().state());
            assertThat(verdicts).as("one verdict per programme").hasSize(1);
            ProgrammeEligibility verdict = verdicts.get(0);
            // A reader reading the pointer, then a verdict, a list and a count, sees one version throughout: the
            // verdict is that of the version the pointer named a moment before, or of the next once switched.
            assertThat(verdict.programVersion()).isGreaterThanOrEqualTo(version);
            long expected = version == 1 ? 400 : 200;
            assertThat(model.count(AMO, version, ArtisanSearchKeys.key(null, null, null, null)))
                    .as("version %d counted whole", version).isEqualTo(expected);
            if (seen.isEmpty() || seen.get(seen.size() - 1) != version) {
                seen.add(version);
            }
            reads++;
        }
        recompute.get();
        assertThat(reads).isGreaterThan(1);
        assertThat(seen).as("versions served, in order").isIn(List.of(1, 2), List.of(1));
        assertThat(seen).doesNotContainSequence(2, 1);
        assertThat(model.readableVersion(AMO)).contains(2);
        assertThat(verdictOf("a000").programVersion()).isEqualTo(2);
        assertThat(verdictOf("a000").eligible()).isTrue();
        assertThat(count(2, null)).isEqualTo(200);
        assertThat(countsByRegion(2)).isEqualTo(recountByRegion(2)).containsEntry("MA-04", 200L);
        assertThat(model.recomputeIfDue()).as("nothing left to judge today").isEmpty();
    }

    @Test
    void anActorEventDuringARecomputeIsJudgedByBothVersions() {
        define(1, rule("region", ConditionType.REGION_IN, "MA-07"));
        model.recomputeIfDue();
        register("a1", "MA-MAR", "MA-07");
        revise(2, clock.instant(), rule("region", ConditionType.REGION_IN, "MA-04"));
        // The pass is due but not run yet: an actor registered now must still be counted under the new version.
        repository.savePointer(new VersionPointer(AMO, 1, 2, List.of()));
        register("a2", "MA-RAB", "MA-04");
        assertThat(repository.find("a2").orElseThrow().verdicts()).extracting(Verdict::programVersion)
                .containsExactlyInAnyOrder(1, 2);
        assertThat(count(2, null)).isEqualTo(1);

        model.recomputeIfDue();
        assertThat(model.readableVersion(AMO)).contains(2);
        assertThat(eligibleIds(2, null)).containsExactly("a2");
        assertThat(countsByRegion(2)).isEqualTo(recountByRegion(2));
    }

    @Test
    void aNewDayReJudgesVerdictsThatDependOnTheDate() {
        define(1, rule("card", ConditionType.HAS_VALID_CARD));
        model.recomputeIfDue();
        register("a1", "MA-MAR", "MA-07");
        apply("a1", 1, new CardIssued("a1", "C-1", LocalDate.parse("2021-12-08"), LocalDate.parse("2026-12-07"), null));
        assertThat(verdictOf("a1").eligible()).isTrue();
        assertThat(count(1, null)).isEqualTo(1);
        assertThat(model.recomputeIfDue()).as("judged today already").isEmpty();

        clock.advance(Duration.ofDays(1));
        assertThat(model.recomputeIfDue()).isPresent();
        assertThat(verdictOf("a1").eligible()).as("the card expired last night").isFalse();
        assertThat(count(1, null)).isZero();
    }

    @Test
    void aVersionNotInForceYetIsNotServed() {
        define(1, rule("region", ConditionType.REGION_IN, "MA-07"));
        model.recomputeIfDue();
        register("a1", "MA-MAR", "MA-07");
        revise(2, clock.instant().plus(Duration.ofDays(3)), rule("region", ConditionType.REGION_IN, "MA-04"));
        model.recomputeIfDue();
        assertThat(model.readableVersion(AMO)).contains(1);

        clock.advance(Duration.ofDays(3));
        model.recomputeIfDue();
        assertThat(model.readableVersion(AMO)).contains(2);
        assertThat(verdictOf("a1").eligible()).isFalse();
    }

    @Test
    void twoProcessesRunOnePassPerVersionAndServeEveryVersion() throws Exception {
        EligibilityModel other = process("other process", new ProgrammeJudge(new RuleEngine(), calendar, null));
        define(1, rule("region", ConditionType.REGION_IN, "MA-07"));
        model.recomputeIfDue();
        for (int i = 0; i < 3 * EligibilityModel.PASS_SLICE; i++) {
            register(String.format("a%03d", i), i % 3 == 0 ? "MA-RAB" : "MA-MAR", i % 3 == 0 ? "MA-04" : "MA-07");
        }
        ExecutorService processes = Executors.newFixedThreadPool(2);
        try {
            List<Long> passNumbers = new ArrayList<>();
            for (int version = 2; version <= 6; version++) {
                revise(version, clock.instant(), rule("region", ConditionType.REGION_IN,
                        version % 2 == 0 ? "MA-04" : "MA-07"));
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Optional<EligibilityModel.PassOutcome>>> passes = new ArrayList<>();
                for (EligibilityModel process : List.of(model, other)) {
                    passes.add(processes.submit(() -> {
                        start.await();
                        return process.recomputeIfDue();
                    }));
                }
                start.countDown();
                List<EligibilityModel.PassOutcome> ran = new ArrayList<>();
                for (Future<Optional<EligibilityModel.PassOutcome>> pass : passes) {
                    pass.get(30, TimeUnit.SECONDS).ifPresent(ran::add);
                }
                assertThat(ran).as("passes run for version %d", version).hasSize(1);
                passNumbers.add(ran.get(0).number());
                assertThat(model.readableVersion(AMO)).as("switched to version %d", version).contains(version);
                assertThat(count(version, null)).isEqualTo(version % 2 == 0 ? 100 : 200);
                assertThat(countsByRegion(version)).isEqualTo(recountByRegion(version));
            }
            assertThat(passNumbers).as("one pass each, numbered in turn").doesNotHaveDuplicates().isSorted();
        } finally {
            processes.shutdownNow();
        }
    }

    @Test
    void aStalledProcessIsTakenOverOnceItsLeaseRunsOutAndWritesNothingMore() {
        AtomicReference<Runnable> stall = new AtomicReference<>();
        EligibilityModel stalling = process("stalling process", new ProgrammeJudge(new RuleEngine(), calendar, null) {
            @Override
            public List<Verdict> verdicts(ActorKind kind, ArtisanState state, Instant instant,
                                          List<ProgrammeVersion> versions) {
                Runnable pause = stall.getAndSet(null);
                if (pause != null) {
                    pause.run();
                }
                return super.verdicts(kind, state, instant, versions);
            }
        });
        define(1, rule("region", ConditionType.REGION_IN, "MA-07"));
        model.recomputeIfDue();
        for (int i = 0; i < 3 * EligibilityModel.PASS_SLICE; i++) {
            register(String.format("a%03d", i), i % 3 == 0 ? "MA-RAB" : "MA-MAR", i % 3 == 0 ? "MA-04" : "MA-07");
        }
        revise(2, clock.instant(), rule("region", ConditionType.REGION_IN, "MA-04"));
        List<Optional<EligibilityModel.PassOutcome>> takeovers = new ArrayList<>();
        stall.set(() -> {
            takeovers.add(model.recomputeIfDue());
            clock.advance(LEASE_TERM.plusSeconds(1));
            takeovers.add(model.recomputeIfDue());
            revise(3, clock.instant(), rule("region", ConditionType.REGION_IN, "MA-07"));
            takeovers.add(model.recomputeIfDue());
        });

        Optional<EligibilityModel.PassOutcome> stalled = stalling.recomputeIfDue();

        assertThat(takeovers.get(0)).as("while the stalled process's lease runs").isEmpty();
        assertThat(takeovers.get(1)).as("once it has run out, resumed and switched").isPresent();
        assertThat(takeovers.get(2)).as("the next revision").isPresent();
        assertThat(stalled).as("the stalled process, back, gives up its pass").isEmpty();
        assertThat(model.readableVersion(AMO)).contains(3);
        assertThat(repository.find("a000").orElseThrow().verdicts())
                .as("the stalled slice's verdicts, judged by versions 1 and 2, are not written over the new ones")
                .extracting(Verdict::programVersion).contains(3).doesNotContain(1);
        assertThat(count(3, null)).isEqualTo(200);
        assertThat(countsByRegion(3)).isEqualTo(recountByRegion(3));
        assertThat(stalling.recomputeIfDue()).as("the lease is free again, and nothing is due").isEmpty();
    }

    @Test
    void aPassRestingBetweenSlicesSwitchesAllTheSame() {
        define(1, rule("region", ConditionType.REGION_IN, "MA-07"));
        model.recomputeIfDue();
        for (int i = 0; i < 3 * EligibilityModel.PASS_SLICE; i++) {
            register(String.format("a%03d", i), i % 3 == 0 ? "MA-RAB" : "MA-MAR", i % 3 == 0 ? "MA-04" : "MA-07");
        }
        revise(2, clock.instant(), rule("region", ConditionType.REGION_IN, "MA-04"));
        EligibilityModel resting = new EligibilityModel(repository, new ProgrammeJudge(new RuleEngine(), calendar,
                null), () -> List.copyOf(programmes), calendar, new ArtisanFolding(), new Lease("resting", LEASE_TERM),
                0.25);

        assertThat(resting.recomputeIfDue()).isPresent();
        assertThat(model.readableVersion(AMO)).contains(2);
        assertThat(count(2, null)).isEqualTo(100);
        assertThat(countsByRegion(2)).isEqualTo(recountByRegion(2));
    }

    @Test
    void aPassShareOutsideZeroToOneIsRefused() {
        assertThatThrownBy(() -> new EligibilityModel(repository, null, List::of, calendar, new ArtisanFolding(),
                new Lease("none", LEASE_TERM), 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private EligibilityModel process(String holder, ProgrammeJudge judge) {
        return new EligibilityModel(repository, judge, () -> List.copyOf(programmes), calendar, new ArtisanFolding(),
                new Lease(holder, LEASE_TERM));
    }

    private void register(String id, String province, String region) {
        apply(id, 0, registered(id, province, region, "B01", sealed(id)));
    }

    private void apply(String id, long sequence, Object payload) {
        projection.on(message(id, sequence, ++position, T0, payload));
    }

    private void define(int version, EligibilityRule... rules) {
        revise(version, T0.minus(Duration.ofDays(30)), rules);
    }

    private void revise(int version, Instant effectiveFrom, EligibilityRule... rules) {
        ProgrammeVersion added = new ProgrammeVersion(AMO, version, effectiveFrom, "CNSS",
                new LocalizedText("التأمين", "AMO"), false, "test", List.of(rules), "test", "admin", T0);
        ProgrammeHistory history = programmes.stream().filter(h -> h.programId().equals(AMO)).findFirst()
                .orElse(new ProgrammeHistory(AMO, List.of()));
        programmes.removeIf(h -> h.programId().equals(AMO));
        programmes.add(history.with(added));
        projection.on(new org.axonframework.eventhandling.GenericDomainEventMessage<>("Programme", AMO, version - 1,
                new ProgrammeRevised(AMO, version, effectiveFrom, null, "test"), Map.of("globalPosition", ++position)));
    }

    private ProgrammeEligibility verdictOf(String id) {
        EligibilityRecord record = repository.find(id).orElseThrow();
        return model.verdicts(record.kind(), record.state()).get(0);
    }

    private List<String> eligibleIds(int version, String region) {
        return model.eligible(AMO, version, ArtisanSearchKeys.key(region, null, null, null), 0, 100).records()
                .stream().map(EligibilityRecord::actorId).toList();
    }

    private long count(int version, String region) {
        return model.count(AMO, version, ArtisanSearchKeys.key(region, null, null, null));
    }

    private Map<String, Long> countsByRegion(int version) {
        Map<String, Long> counts = new HashMap<>();
        for (String region : List.of("MA-01", "MA-04", "MA-07")) {
            long count = count(version, region);
            if (count > 0) {
                counts.put(region, count);
            }
        }
        return counts;
    }

    /** The counts as the actors' own records give them, one by one. */
    private Map<String, Long> recountByRegion(int version) {
        return repository.findAll(repository.allActors().keySet()).values().stream()
                .filter(record -> record.eligible(AMO, version))
                .collect(Collectors.groupingBy(record -> record.state().regionCode(), Collectors.counting()));
    }

    private static EligibilityRule rule(String name, ConditionType type, String... values) {
        return new EligibilityRule(name, type, List.of(values), null, null, null, null, false, null);
    }

    private static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
