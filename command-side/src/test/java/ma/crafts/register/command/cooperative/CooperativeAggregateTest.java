package ma.crafts.register.command.cooperative;

import static ma.crafts.register.command.support.AggregateFixtures.sealed;
import static ma.crafts.register.command.support.TestReference.GEOGRAPHY;
import static ma.crafts.register.command.support.TestReference.NOMENCLATURE;
import static ma.crafts.register.command.support.TestReference.sealedFor;
import static org.axonframework.test.matchers.Matchers.predicate;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import ma.crafts.register.command.support.AggregateFixtures;
import ma.crafts.register.command.artisan.Nia;
import ma.crafts.register.errors.ForbiddenException;
import ma.crafts.register.errors.InvalidInputException;
import ma.crafts.register.errors.RuleViolationException;
import ma.crafts.register.events.cooperative.CooperativeDetailsAmended;
import ma.crafts.register.events.cooperative.CooperativeRegistered;
import ma.crafts.register.events.cooperative.CooperativeReinstated;
import ma.crafts.register.events.cooperative.CooperativeStruckOff;
import ma.crafts.register.events.cooperative.CooperativeSuspended;
import ma.crafts.register.events.privacy.PersonalDataErased;
import ma.crafts.register.values.ArtisanStatus;
import ma.crafts.register.values.Gender;
import ma.crafts.register.values.LocalizedText;
import ma.crafts.register.values.SealedPersonalData;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CooperativeAggregateTest {
    static final String ID = "7d4c1f5e-0000-4000-8000-000000000001";
    static final String NIA_07 = new Nia("MA-07", 2026, 41).value();
    static final LocalizedText NAME = new LocalizedText("  تعاونية الزربية الحوزية ", "Coopérative du tapis du Haouz");

    private FixtureConfiguration<Cooperative> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Cooperative.class);
        fixture.registerInjectableResource(GEOGRAPHY);
        fixture.registerInjectableResource(NOMENCLATURE);
        fixture.registerInjectableResource(AggregateFixtures.SEALER);
    }

    static RegisterCooperative register(String province, List<String> activities, LocalizedText name, String nia,
                                        String actingRegion) {
        return new RegisterCooperative(ID, nia, name, province, activities, Gender.F, sealedFor(ID), actingRegion);
    }

    static Matcher<Throwable> invalidFields(String... fields) {
        return predicate(e -> e instanceof InvalidInputException invalid && invalid.problems().stream()
                .map(InvalidInputException.FieldProblem::field).collect(Collectors.toSet()).equals(Set.of(fields)));
    }

    @Test
    void aCooperativeWithSeveralActivitiesIsRegisteredInItsProvincesRegion() {
        fixture.givenNoPriorActivity()
                .when(register("MA-HAO", List.of("B04-002", "B04-003"), NAME, NIA_07, "MA-07"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new CooperativeRegistered(ID, NIA_07,
                        new LocalizedText("تعاونية الزربية الحوزية", "Coopérative du tapis du Haouz"), "MA-HAO", "MA-07",
                        List.of("B04-002", "B04-003"), List.of("B04", "B04"), NOMENCLATURE.version(), Gender.F,
                        sealedFor(ID)));
    }

    @Test
    void theRepresentativesPersonalDataIsErasedOnce() {
        CooperativeRegistered registered = new CooperativeRegistered(ID, NIA_07, NAME, "MA-HAO", "MA-07",
                List.of("B04-002"), List.of("B04"), NOMENCLATURE.version(), Gender.F, sealedFor(ID));
        fixture.given(registered)
                .when(new EraseCooperativePersonalData(ID, "representative's request", "Loi 09-08"))
                .expectEvents(new PersonalDataErased(ID, "representative's request", "Loi 09-08"));
        fixture.given(registered, new PersonalDataErased(ID, "request", "Loi 09-08"))
                .when(new EraseCooperativePersonalData(ID, "again", "Loi 09-08"))
                .expectException(RuleViolationException.class)
                .expectNoEvents();
    }

    @Test
    void everyBadFieldIsReportedAtOnce() {
        fixture.givenNoPriorActivity()
                .when(new RegisterCooperative(ID, "MA07-2026-000041-X", new LocalizedText("Tapis", "تعاونية"), "MA-XXX",
                        List.of("B04-002", "Z99-999", "B04-002"), null, sealedFor("someone-else"), "MA-07"))
                .expectException(invalidFields("nia", "name.ar", "name.fr", "provinceCode", "activityCodes[1]",
                        "activityCodes[2]", "gender", "representative"))
                .expectNoEvents();
    }

    @Test
    void atLeastOneActivity() {
        fixture.givenNoPriorActivity()
                .when(register("MA-HAO", List.of(), NAME, NIA_07, "MA-07"))
                .expectException(invalidFields("activityCodes"))
                .expectNoEvents();
    }

    @Test
    void aClerkRegistersOnlyInItsOwnRegion() {
        fixture.givenNoPriorActivity()
                .when(register("MA-HAO", List.of("B04-002"), NAME, NIA_07, "MA-03"))
                .expectException(ForbiddenException.class)
                .expectNoEvents();
    }

    @Test
    void theNiaMustHaveBeenAllocatedForTheCooperativesRegion() {
        fixture.givenNoPriorActivity()
                .when(register("MA-HAO", List.of("B04-002"), NAME, new Nia("MA-03", 2026, 41).value(), null))
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
    }

    @Test
    void aCooperativeIsSuspendedReinstatedAndStruckOffForGood() {
        CooperativeRegistered registered = registered();
        fixture.given(registered)
                .when(new ChangeCooperativeStatus(ID, ArtisanStatus.SUSPENDED, null, "MA-07"))
                .expectEvents(new CooperativeSuspended(ID, null));
        fixture.given(registered, new CooperativeSuspended(ID, null))
                .when(new ChangeCooperativeStatus(ID, ArtisanStatus.ACTIVE, "régularisée", "MA-07"))
                .expectEvents(new CooperativeReinstated(ID, sealed(ID, "régularisée")));
        fixture.given(registered)
                .when(new ChangeCooperativeStatus(ID, ArtisanStatus.STRUCK_OFF, "dissolution", null))
                .expectEvents(new CooperativeStruckOff(ID, sealed(ID, "dissolution")));
        fixture.given(registered, new CooperativeStruckOff(ID, null))
                .when(new ChangeCooperativeStatus(ID, ArtisanStatus.ACTIVE, null, "MA-07"))
                .expectException(predicate(e -> e instanceof RuleViolationException violation
                        && violation.rule().equals("cooperative-struck-off")))
                .expectNoEvents();
        fixture.given(registered)
                .when(new ChangeCooperativeStatus(ID, ArtisanStatus.ACTIVE, null, "MA-07"))
                .expectException(predicate(e -> e instanceof RuleViolationException violation
                        && violation.rule().equals("cooperative-must-be-suspended")))
                .expectNoEvents();
        fixture.given(registered)
                .when(new ChangeCooperativeStatus(ID, ArtisanStatus.SUSPENDED, null, "MA-04"))
                .expectException(ForbiddenException.class)
                .expectNoEvents();
    }

    // --- amendments ---------------------------------------------------------------------------------------------

    /** {@link #NAME} as its registration records it. */
    static final LocalizedText RECORDED_NAME = new LocalizedText(NAME.ar().strip(), NAME.fr());
    static final LocalizedText NEW_NAME = new LocalizedText("تعاونية النسيج الحوزي", "Coopérative du tissage du Haouz");
    /** The representative's data after a change of phone or address, sealed again with the cooperative's key. */
    static final SealedPersonalData RESEALED = new SealedPersonalData(ID, "AES-256-GCM", "bm9uY2Uy", "b3RoZXI=");

    static CooperativeRegistered registered() {
        return new CooperativeRegistered(ID, NIA_07, RECORDED_NAME, "MA-HAO", "MA-07", List.of("B04-002"), List.of("B04"),
                NOMENCLATURE.version(), Gender.F, sealedFor(ID));
    }

    static AmendCooperativeDetails amend(LocalizedText name, List<String> activities, List<String> personalFields,
                                         SealedPersonalData representative, String actingRegion) {
        return new AmendCooperativeDetails(ID, new ActorAmendment(name, activities, personalFields, representative,
                sealedFor(ID), actingRegion));
    }

    @Test
    void theNameTheActivitiesAndTheRepresentativesContactDetailsAreAmendedUnderTheRegistrationsRules() {
        fixture.given(registered())
                .when(amend(new LocalizedText(" " + NEW_NAME.ar(), NEW_NAME.fr()), List.of("B04-003", "B04-002"),
                        List.of("phone"), RESEALED, "MA-07"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new CooperativeDetailsAmended(ID, List.of("name", "activityCodes", "phone"), NEW_NAME,
                        List.of("B04-003", "B04-002"), List.of("B04", "B04"), NOMENCLATURE.version(), RESEALED))
                .expectResultMessagePayload(new CooperativeDetailsAmended(ID, List.of("name", "activityCodes",
                        "phone"), NEW_NAME, List.of("B04-003", "B04-002"), List.of("B04", "B04"),
                        NOMENCLATURE.version(), RESEALED));
    }

    @Test
    void onlyWhatDiffersIsRecorded_andAmendingToTheRecordedValuesChangesNothing() {
        fixture.given(registered())
                .when(amend(NAME, List.of("B04-002", "B04-003"), List.of(), null, "MA-07"))
                .expectEvents(new CooperativeDetailsAmended(ID, List.of("activityCodes"), null,
                        List.of("B04-002", "B04-003"), List.of("B04", "B04"), NOMENCLATURE.version(), null));
        fixture.given(registered())
                .when(amend(NAME, List.of("B04-002"), List.of(), null, "MA-07"))
                .expectException(rule("no-change"))
                .expectNoEvents();
        fixture.given(registered(), new CooperativeDetailsAmended(ID, List.of("name"), NEW_NAME, null, null, null,
                        null))
                .when(amend(NEW_NAME, null, List.of(), null, "MA-07"))
                .expectException(rule("no-change"))
                .expectNoEvents();
    }

    @Test
    void everyBadFieldOfAnAmendmentIsReportedAtOnce() {
        fixture.given(registered())
                .when(amend(new LocalizedText("Tapis", "تعاونية"), List.of("B04-002", "Z99-999"), List.of("address"),
                        sealedFor("someone-else"), "MA-07"))
                .expectException(invalidFields("name.ar", "name.fr", "activityCodes[1]", "representative"))
                .expectNoEvents();
        fixture.given(registered())
                .when(amend(null, List.of(), List.of(), null, "MA-07"))
                .expectException(invalidFields("activityCodes"))
                .expectNoEvents();
    }

    @Test
    void aStruckOffCooperativeIsNotAmended_andAClerkOfAnotherRegionIsRefusedFirst() {
        fixture.given(registered(), new CooperativeStruckOff(ID, null))
                .when(amend(NEW_NAME, null, List.of(), null, "MA-07"))
                .expectException(rule("cooperative-struck-off"))
                .expectNoEvents();
        fixture.given(registered(), new CooperativeStruckOff(ID, null))
                .when(amend(new LocalizedText("Tapis", "تعاونية"), null, List.of(), null, "MA-03"))
                .expectException(ForbiddenException.class)
                .expectNoEvents();
    }

    @Test
    void aChangeOfTheRepresentativesDataMadeOnDataReplacedMeanwhileIsRefused() {
        fixture.given(registered(), new CooperativeDetailsAmended(ID, List.of("address"), null, null, null, null,
                        RESEALED))
                .when(amend(null, null, List.of("phone"), new SealedPersonalData(ID, "AES-256-GCM", "bm9uY2Uz",
                        "dGhpcmQ="), "MA-07"))
                .expectException(ConcurrencyException.class)
                .expectNoEvents();
    }

    private static Matcher<Throwable> rule(String name) {
        return predicate(e -> e instanceof RuleViolationException violation && violation.rule().equals(name));
    }
}
