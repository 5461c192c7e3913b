package ma.crafts.register.command.enterprise;

import static ma.crafts.register.command.support.AggregateFixtures.sealed;
import static ma.crafts.register.command.support.TestReference.GEOGRAPHY;
import static ma.crafts.register.command.support.TestReference.NOMENCLATURE;
import static ma.crafts.register.command.support.TestReference.sealedFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.messageWithPayload;
import static org.axonframework.test.matchers.Matchers.predicate;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import ma.crafts.register.command.support.AggregateFixtures;
import ma.crafts.register.command.artisan.Nia;
import ma.crafts.register.command.cooperative.ActorAmendment;
import ma.crafts.register.errors.ForbiddenException;
import ma.crafts.register.errors.InvalidInputException;
import ma.crafts.register.errors.NotFoundException;
import ma.crafts.register.errors.RuleViolationException;
import ma.crafts.register.events.enterprise.ChamberNotificationIssued;
import ma.crafts.register.events.enterprise.EnterpriseDetailsAmended;
import ma.crafts.register.events.enterprise.EnterpriseFlaggedNonCompliant;
import ma.crafts.register.events.enterprise.EnterpriseRegistered;
import ma.crafts.register.events.enterprise.EnterpriseReinstated;
import ma.crafts.register.events.enterprise.EnterpriseStruckOff;
import ma.crafts.register.events.enterprise.EnterpriseSupervisingArtisanChanged;
import ma.crafts.register.events.enterprise.EnterpriseSuspended;
import ma.crafts.register.events.privacy.PersonalDataErased;
import ma.crafts.register.values.ArtisanStatus;
import ma.crafts.register.values.Gender;
import ma.crafts.register.values.LocalizedText;
import ma.crafts.register.values.SealedPersonalData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.ResultValidator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EnterpriseAggregateTest {
    static final String ID = "5b1e2a44-0000-4000-8000-000000000002";
    static final String SUPERVISOR = "a6f0c8d2-0000-4000-8000-00000000000a";
    static final String NIA_07 = new Nia("MA-07", 2026, 7).value();
    static final LocalizedText NAME = new LocalizedText("مقاولة القفطان المراكشي", "Ateliers du caftan de Marrakech SARL");
    static final String CAUSE = EnterpriseFlaggedNonCompliant.SUPERVISING_ARTISAN_STRUCK_OFF;

    private FixtureConfiguration<Enterprise> fixture;
    private static final String OTHER_REGIONS_ARTISAN = "a6f0c8d2-0000-4000-8000-00000000000b";
    private final Map<String, ArtisanStatus> artisans = new HashMap<>();
    private final Map<String, String> regions = new HashMap<>();
    private final List<String> looked = new ArrayList<>();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Enterprise.class);
        fixture.registerInjectableResource(GEOGRAPHY);
        fixture.registerInjectableResource(NOMENCLATURE);
        fixture.registerInjectableResource(AggregateFixtures.SEALER);
        fixture.registerInjectableResource((SupervisingArtisans) (id, withinRegion) -> {
            looked.add(id);
            return Optional.ofNullable(artisans.get(id))
                    .filter(status -> withinRegion == null || withinRegion.equals(regions.get(id)));
        });
        artisans.put(SUPERVISOR, ArtisanStatus.ACTIVE);
        regions.put(SUPERVISOR, "MA-07");
        regions.put(SUCCESSOR, "MA-07");
        regions.put(OTHER_REGIONS_ARTISAN, "MA-01");
    }

    static RegisterEnterprise register(String supervisor, String actingRegion) {
        return new RegisterEnterprise(ID, NIA_07, NAME, "MA-MAR", List.of("B05-002"), supervisor, Gender.M,
                sealedFor(ID), actingRegion);
    }

    static EnterpriseRegistered registered() {
        return new EnterpriseRegistered(ID, NIA_07, NAME, "MA-MAR", "MA-07", List.of("B05-002"), List.of("B05"),
                NOMENCLATURE.version(), SUPERVISOR, Gender.M, sealedFor(ID));
    }

    @Test
    void theRepresentativesPersonalDataIsErasedOnce() {
        fixture.given(registered())
                .when(new EraseEnterprisePersonalData(ID, "representative's request", "Loi 09-08"))
                .expectEvents(new PersonalDataErased(ID, "representative's request", "Loi 09-08"));
        fixture.given(registered(), new PersonalDataErased(ID, "request", "Loi 09-08"))
                .when(new EraseEnterprisePersonalData(ID, "again", "Loi 09-08"))
                .expectException(RuleViolationException.class)
                .expectNoEvents();
    }

    @Test
    void anEnterpriseSupervisedByAnActiveArtisanIsRegistered() {
        fixture.givenNoPriorActivity()
                .when(register(SUPERVISOR, "MA-07"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(registered());
        assertThat(looked).containsExactly(SUPERVISOR);
    }

    @Test
    void theSupervisorMustBeRegistered() {
        fixture.givenNoPriorActivity()
                .when(register("no-such-artisan", "MA-07"))
                .expectException(NotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void theSupervisorMustBeActive() {
        for (ArtisanStatus status : List.of(ArtisanStatus.SUSPENDED, ArtisanStatus.STRUCK_OFF)) {
            artisans.put(SUPERVISOR, status);
            fixture.givenNoPriorActivity()
                    .when(register(SUPERVISOR, "MA-07"))
                    .expectException(predicate(e -> e instanceof RuleViolationException violation
                            && violation.rule().equals(Enterprise.SUPERVISOR_MUST_BE_ACTIVE)
                            && violation.getMessage().contains(status.name())))
                    .expectNoEvents();
        }
    }

    @Test
    void aClerkNamingAnotherRegionsArtisanLearnsNeitherItsStatusNorThatItExists() {
        assertEveryRefusalReadsAlike(named -> fixture.givenNoPriorActivity().when(register(named, "MA-07")));
    }

    @Test
    void aClerkNamingAnotherRegionsArtisanAsSuccessorLearnsNeitherItsStatusNorThatItExists() {
        assertEveryRefusalReadsAlike(named -> fixture.given(registered())
                .when(new ChangeSupervisingArtisan(ID, named, null, "MA-07")));
    }

    /** Naming no artisan, and another region's artisan in each status, are refused alike and store nothing. */
    private void assertEveryRefusalReadsAlike(Function<String, ResultValidator<Enterprise>> naming) {
        List<String> refusals = new ArrayList<>();
        Consumer<String> refuse = artisan -> naming.apply(artisan)
                .expectException(predicate(e -> e instanceof NotFoundException notFound && refusals.add(
                        notFound.getMessage().replace(artisan, "<named>"))))
                .expectNoEvents();
        refuse.accept("no-such-artisan");
        for (ArtisanStatus status : ArtisanStatus.values()) {
            artisans.put(OTHER_REGIONS_ARTISAN, status);
            refuse.accept(OTHER_REGIONS_ARTISAN);
        }
        assertThat(refusals).hasSize(ArtisanStatus.values().length + 1).containsOnly(refusals.get(0));
    }

    @Test
    void aNationalActorMayNameAnActiveArtisanOfAnyRegion() {
        artisans.put(OTHER_REGIONS_ARTISAN, ArtisanStatus.ACTIVE);
        fixture.givenNoPriorActivity()
                .when(register(OTHER_REGIONS_ARTISAN, null))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void aClerkOfAnotherRegionIsRefusedBeforeTheSupervisorIsLookedAt() {
        fixture.givenNoPriorActivity()
                .when(register(SUPERVISOR, "MA-03"))
                .expectException(ForbiddenException.class)
                .expectNoEvents();
        assertThat(looked).isEmpty();
    }

    @Test
    void theSupervisorIsRequiredAlongsideTheOtherFields() {
        fixture.givenNoPriorActivity()
                .when(new RegisterEnterprise(ID, NIA_07, NAME, "MA-MAR", List.of("nope"), " ", Gender.M,
                        sealedFor(ID), "MA-07"))
                .expectException(predicate(e -> e instanceof InvalidInputException invalid
                        && invalid.problems().stream().map(InvalidInputException.FieldProblem::field).toList()
                        .containsAll(List.of("supervisingArtisanId", "activityCodes[0]"))))
                .expectNoEvents();
    }

    @Test
    void flaggingRecordsTheBreachAndNotifiesTheEnterprisesRegion() {
        fixture.given(registered())
                .when(new FlagEnterpriseNonCompliant(ID, SUPERVISOR, CAUSE))
                .expectEventsMatching(exactSequenceOf(
                        messageWithPayload(
                                equalTo(new EnterpriseFlaggedNonCompliant(ID, SUPERVISOR, "MA-07", CAUSE))),
                        messageWithPayload(predicate(payload ->
                                payload instanceof ChamberNotificationIssued notice
                                        && notice.regionCode().equals("MA-07")
                                        && notice.enterpriseId().equals(ID)
                                        && notice.topic().equals(ChamberNotificationIssued.ENTERPRISE_NON_COMPLIANT)
                                        && notice.message().ar().contains(NAME.ar())
                                        && notice.message().fr().contains(NIA_07)
                                        && notice.notificationId() != null)),
                        andNoMore()));
    }

    @Test
    void flaggingAgainOrForAFormerSupervisorChangesNothing() {
        fixture.given(registered(), new EnterpriseFlaggedNonCompliant(ID, SUPERVISOR, "MA-07", CAUSE))
                .when(new FlagEnterpriseNonCompliant(ID, SUPERVISOR, CAUSE))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(registered())
                .when(new FlagEnterpriseNonCompliant(ID, "another-artisan", CAUSE))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    // --- lifecycle ----------------------------------------------------------------------------------------------

    static final String SUCCESSOR = "a6f0c8d2-0000-4000-8000-00000000000c";

    @Test
    void aSuspendedEnterpriseIsReinstatedAndStrikingOffIsFinal() {
        fixture.given(registered())
                .when(new ChangeEnterpriseStatus(ID, ArtisanStatus.SUSPENDED, " audit ", "MA-07"))
                .expectEvents(new EnterpriseSuspended(ID, sealed(ID, "audit")));
        fixture.given(registered(), new EnterpriseSuspended(ID, null))
                .when(new ChangeEnterpriseStatus(ID, ArtisanStatus.ACTIVE, null, "MA-07"))
                .expectEvents(new EnterpriseReinstated(ID, null));
        fixture.given(registered())
                .when(new ChangeEnterpriseStatus(ID, ArtisanStatus.ACTIVE, null, "MA-07"))
                .expectException(rule("enterprise-must-be-suspended"))
                .expectNoEvents();
        fixture.given(registered(), new EnterpriseSuspended(ID, null))
                .when(new ChangeEnterpriseStatus(ID, ArtisanStatus.SUSPENDED, null, "MA-07"))
                .expectException(rule("enterprise-must-be-active"))
                .expectNoEvents();
        fixture.given(registered(), new EnterpriseSuspended(ID, null))
                .when(new ChangeEnterpriseStatus(ID, ArtisanStatus.STRUCK_OFF, "cessation", "MA-07"))
                .expectEvents(new EnterpriseStruckOff(ID, sealed(ID, "cessation")));
        for (ArtisanStatus to : ArtisanStatus.values()) {
            fixture.given(registered(), new EnterpriseStruckOff(ID, null))
                    .when(new ChangeEnterpriseStatus(ID, to, null, "MA-07"))
                    .expectException(rule("enterprise-struck-off"))
                    .expectNoEvents();
        }
        fixture.given(registered())
                .when(new ChangeEnterpriseStatus(ID, ArtisanStatus.SUSPENDED, null, "MA-03"))
                .expectException(ForbiddenException.class)
                .expectNoEvents();
        fixture.given(registered())
                .when(new ChangeEnterpriseStatus(ID, ArtisanStatus.SUSPENDED, "x".repeat(501), "MA-07"))
                .expectException(InvalidInputException.class)
                .expectNoEvents();
    }

    @Test
    void anActiveSuccessorTakesOverAndLiftsANonComplianceFlag() {
        artisans.put(SUCCESSOR, ArtisanStatus.ACTIVE);
        fixture.given(registered())
                .when(new ChangeSupervisingArtisan(ID, SUCCESSOR, null, "MA-07"))
                .expectEvents(new EnterpriseSupervisingArtisanChanged(ID, SUPERVISOR, SUCCESSOR, false, null))
                .expectResultMessagePayload(new EnterpriseSupervisingArtisanChanged(ID, SUPERVISOR, SUCCESSOR, false,
                        null));
        fixture.given(registered(), new EnterpriseFlaggedNonCompliant(ID, SUPERVISOR, "MA-07", CAUSE))
                .when(new ChangeSupervisingArtisan(ID, SUCCESSOR, "reprise", "MA-07"))
                .expectEvents(new EnterpriseSupervisingArtisanChanged(ID, SUPERVISOR, SUCCESSOR, true, sealed(ID, "reprise")));
        fixture.given(registered(), new EnterpriseFlaggedNonCompliant(ID, SUPERVISOR, "MA-07", CAUSE),
                        new EnterpriseSupervisingArtisanChanged(ID, SUPERVISOR, SUCCESSOR, true, null))
                .when(new FlagEnterpriseNonCompliant(ID, SUCCESSOR, CAUSE))
                .expectEventsMatching(exactSequenceOf(
                        messageWithPayload(equalTo(new EnterpriseFlaggedNonCompliant(ID, SUCCESSOR, "MA-07", CAUSE))),
                        messageWithPayload(predicate(ChamberNotificationIssued.class::isInstance)), andNoMore()));
    }

    @Test
    void aSuccessorMustBeAnotherActiveRegisteredArtisanOfARegisteredEnterprise() {
        artisans.put(SUCCESSOR, ArtisanStatus.SUSPENDED);
        fixture.given(registered())
                .when(new ChangeSupervisingArtisan(ID, SUCCESSOR, null, "MA-07"))
                .expectException(rule(Enterprise.SUPERVISOR_MUST_BE_ACTIVE))
                .expectNoEvents();
        fixture.given(registered())
                .when(new ChangeSupervisingArtisan(ID, "no-such-artisan", null, "MA-07"))
                .expectException(NotFoundException.class)
                .expectNoEvents();
        fixture.given(registered())
                .when(new ChangeSupervisingArtisan(ID, SUPERVISOR, null, "MA-07"))
                .expectException(rule("no-change"))
                .expectNoEvents();
        artisans.put(SUCCESSOR, ArtisanStatus.ACTIVE);
        fixture.given(registered(), new EnterpriseStruckOff(ID, null))
                .when(new ChangeSupervisingArtisan(ID, SUCCESSOR, null, "MA-07"))
                .expectException(rule("enterprise-struck-off"))
                .expectNoEvents();
        looked.clear();
        fixture.given(registered())
                .when(new ChangeSupervisingArtisan(ID, SUCCESSOR, null, "MA-03"))
                .expectException(ForbiddenException.class)
                .expectNoEvents();
        assertThat(looked).as("another region's clerk learns nothing about the artisan").isEmpty();
    }

    // --- amendments ---------------------------------------------------------------------------------------------

    static final LocalizedText NEW_NAME = new LocalizedText("مقاولة الجلابة المراكشية", "Ateliers de la jellaba SARL");
    static final SealedPersonalData RESEALED = new SealedPersonalData(ID, "AES-256-GCM", "bm9uY2Uy", "b3RoZXI=");

    static AmendEnterpriseDetails amend(LocalizedText name, List<String> activities, List<String> personalFields,
                                        SealedPersonalData representative, String actingRegion) {
        return new AmendEnterpriseDetails(ID, new ActorAmendment(name, activities, personalFields, representative,
                sealedFor(ID), actingRegion));
    }

    @Test
    void anEnterpriseIsAmendedUnderTheRegistrationsRules_andItsNoticesNameItAsAmended() {
        fixture.given(registered())
                .when(amend(NEW_NAME, List.of("B05-002"), List.of("address"), RESEALED, "MA-07"))
                .expectEvents(new EnterpriseDetailsAmended(ID, List.of("name", "address"), NEW_NAME, null, null, null,
                        RESEALED));
        fixture.given(registered(), new EnterpriseDetailsAmended(ID, List.of("name"), NEW_NAME, null, null, null,
                        null))
                .when(new FlagEnterpriseNonCompliant(ID, SUPERVISOR, CAUSE))
                .expectEventsMatching(exactSequenceOf(
                        messageWithPayload(predicate(EnterpriseFlaggedNonCompliant.class::isInstance)),
                        messageWithPayload(predicate(payload -> payload instanceof ChamberNotificationIssued notice
                                && notice.message().ar().contains(NEW_NAME.ar())
                                && notice.message().fr().contains(NEW_NAME.fr()))),
                        andNoMore()));
        fixture.given(registered())
                .when(amend(NAME, List.of("B05-002", "nope"), List.of(), null, "MA-07"))
                .expectException(predicate(e -> e instanceof InvalidInputException invalid
                        && invalid.problems().stream().map(InvalidInputException.FieldProblem::field).toList()
                        .equals(List.of("activityCodes[1]"))))
                .expectNoEvents();
    }

    @Test
    void aStruckOffEnterpriseIsNotAmended_andOnlyItsRegionsClerksAmendIt() {
        fixture.given(registered(), new EnterpriseStruckOff(ID, null))
                .when(amend(NEW_NAME, null, List.of(), null, "MA-07"))
                .expectException(rule("enterprise-struck-off"))
                .expectNoEvents();
        fixture.given(registered())
                .when(amend(NEW_NAME, null, List.of(), null, "MA-03"))
                .expectException(ForbiddenException.class)
                .expectNoEvents();
        fixture.given(registered())
                .when(amend(NAME, List.of("B05-002"), List.of(), null, "MA-07"))
                .expectException(rule("no-change"))
                .expectNoEvents();
    }

    private static org.hamcrest.Matcher<?> rule(String name) {
        return predicate(e -> e instanceof RuleViolationException violation && violation.rule().equals(name));
    }
}
