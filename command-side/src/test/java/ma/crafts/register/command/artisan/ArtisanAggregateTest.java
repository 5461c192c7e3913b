package ma.crafts.register.command.artisan;

import static ma.crafts.register.command.support.AggregateFixtures.sealed;
import static ma.crafts.register.command.support.AggregateFixtures.registeredInMarrakech;
import static ma.crafts.register.command.support.AggregateFixtures.rule;
import ma.crafts.register.command.support.AggregateFixtures;
import static ma.crafts.register.command.support.TestReference.POLICY;
import static ma.crafts.register.command.support.TestReference.TODAY;
import static ma.crafts.register.command.support.TestReference.sealedFor;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ma.crafts.register.command.body.BodyFacts;
import ma.crafts.register.errors.ForbiddenException;
import ma.crafts.register.errors.InvalidInputException;
import ma.crafts.register.errors.NotFoundException;
import ma.crafts.register.errors.RuleViolationException;
import ma.crafts.register.events.artisan.ArtisanJoinedProfessionalBody;
import ma.crafts.register.events.artisan.ArtisanRegistered;
import ma.crafts.register.events.artisan.ArtisanReinstated;
import ma.crafts.register.events.artisan.ArtisanStruckOff;
import ma.crafts.register.events.artisan.ArtisanSuspended;
import ma.crafts.register.events.artisan.CardIssued;
import ma.crafts.register.values.ArtisanCategory;
import ma.crafts.register.values.BodyLevel;
import ma.crafts.register.values.Gender;
import ma.crafts.register.values.Qualification;
import ma.crafts.register.values.QualificationRoute;
import org.axonframework.messaging.Message;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;
import static org.axonframework.test.matchers.Matchers.predicate;

class ArtisanAggregateTest {
    private static final String ID = "5b0c3f3e-8d1a-4c55-9d3e-0f6f0e6a1a01";
    private static final String MARRAKECH_SAFI = "MA-07";
    private static final String NIA = new Nia(MARRAKECH_SAFI, 2026, 123).value();
    private static final String ZELLIGE = "B08-001";
    private static final String CARD = new CardNumber(MARRAKECH_SAFI, 2026, 45).value();
    private static final String CHECK_CODE = "checkCodeOfTheFirstCrd";
    private static final String BODY = "7f9a2c4e-0000-3000-8000-000000000001";

    private FixtureConfiguration<Artisan> fixture;
    private final Map<String, BodyFacts> bodies = new HashMap<>();

    @BeforeEach
    void setUp() {
        fixture = AggregateFixtures.fixture(Artisan.class, POLICY, bodies);
    }

    private static RegisterArtisan register(Qualification qualification) {
        return new RegisterArtisan(ID, NIA, "MA-MAR", ZELLIGE, Gender.F, qualification, sealedFor(ID), MARRAKECH_SAFI);
    }

    private static ArtisanRegistered registered() {
        return registeredInMarrakech(ID, NIA, Gender.F, AggregateFixtures.experience(12),
                ArtisanCategory.MASTER_ARTISAN);
    }

    private static Qualification experience(Integer years) {
        return new Qualification(QualificationRoute.EXPERIENCE, years, null);
    }

    private static Matcher<List<Message<?>>> registeredAs(ArtisanCategory category) {
        return payloadsMatching(exactSequenceOf(predicate(e -> ((ArtisanRegistered) e).category() == category)));
    }

    private static String field(InvalidInputException e) {
        return e.problems().get(0).field();
    }

    // registration

    @Test
    void registersAnExperiencedArtisanDerivingRegionBranchAndNomenclatureVersion() {
        fixture.givenNoPriorActivity()
                .when(register(experience(5)))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ArtisanRegistered(ID, NIA, "MA-MAR", MARRAKECH_SAFI, ZELLIGE, "B08", "2021-provisional-1",
                        Gender.F, AggregateFixtures.experience(5), ArtisanCategory.ARTISAN, sealedFor(ID)));
    }

    @Test
    void tenYearsOfPracticeMakeAMasterArtisanWhateverTheRoute() {
        fixture.givenNoPriorActivity().when(register(experience(10)))
                .expectEventsMatching(registeredAs(ArtisanCategory.MASTER_ARTISAN));
        Qualification diploma = new Qualification(QualificationRoute.DIPLOMA, 11, "OFPPT-2011-4471");
        fixture.givenNoPriorActivity().when(register(diploma))
                .expectEventsMatching(registeredAs(ArtisanCategory.MASTER_ARTISAN));
    }

    @Test
    void aDiplomaWithItsReferenceNeedsNoYearsOfPracticeAndIsRecordedSealed() {
        Qualification diploma = new Qualification(QualificationRoute.DIPLOMA, null, "OFPPT-2019-0042");
        fixture.givenNoPriorActivity().when(register(diploma))
                .expectEvents(new ArtisanRegistered(ID, NIA, "MA-MAR", MARRAKECH_SAFI, ZELLIGE, "B08", "2021-provisional-1",
                        Gender.F, AggregateFixtures.diploma(ID, null, "OFPPT-2019-0042"),
                        ArtisanCategory.ARTISAN, sealedFor(ID)));
    }

    @Test
    void theDiplomaRouteNeedsADiplomaReference() {
        fixture.givenNoPriorActivity()
                .when(register(new Qualification(QualificationRoute.DIPLOMA, 4, " ")))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage(containsString("qualification.diplomaRef"))
                .expectNoEvents();
    }

    @Test
    void theExperienceRouteNeedsThreeYears() {
        fixture.givenNoPriorActivity().when(register(experience(2)))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage(containsString("at least 3 years"))
                .expectNoEvents();
        fixture.givenNoPriorActivity().when(register(experience(null)))
                .expectException(InvalidInputException.class).expectNoEvents();
    }

    @Test
    void aRouteIsRequiredAndYearsMustBePlausible() {
        fixture.givenNoPriorActivity().when(register(new Qualification(null, 5, null)))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage(containsString("qualification.route")).expectNoEvents();
        fixture.givenNoPriorActivity().when(register(null))
                .expectException(InvalidInputException.class).expectNoEvents();
        fixture.givenNoPriorActivity().when(register(experience(-1)))
                .expectException(InvalidInputException.class).expectNoEvents();
        fixture.givenNoPriorActivity().when(register(experience(130)))
                .expectException(InvalidInputException.class).expectNoEvents();
    }

    @Test
    void rejectsUnknownProvinceAndActivityNamingBothFields() {
        RegisterArtisan command = new RegisterArtisan(ID, NIA, "MA-XYZ", "B99-001", Gender.M, experience(4), sealedFor(ID),
                MARRAKECH_SAFI);
        fixture.givenNoPriorActivity().when(command)
                .expectException(InvalidInputException.class)
                .expectExceptionMessage(allOf(containsString("provinceCode"),
                                containsString("activityCode")))
                .expectNoEvents();
    }

    @Test
    void rejectsAMissingGenderAndDataSealedWithAnotherKey() {
        fixture.givenNoPriorActivity()
                .when(new RegisterArtisan(ID, NIA, "MA-MAR", ZELLIGE, null, experience(4), sealedFor("someone-else"), MARRAKECH_SAFI))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage(allOf(containsString("gender"),
                                containsString("personalData")))
                .expectNoEvents();
    }

    @Test
    void rejectsAnNiaWithAWrongCheckCharacter() {
        String tampered = NIA.substring(0, NIA.length() - 1) + (NIA.endsWith("A") ? "B" : "A");
        fixture.givenNoPriorActivity()
                .when(new RegisterArtisan(ID, tampered, "MA-MAR", ZELLIGE, Gender.F, experience(4), sealedFor(ID), MARRAKECH_SAFI))
                .expectException(InvalidInputException.class).expectNoEvents();
    }

    @Test
    void aClerkMayRegisterOnlyInItsOwnRegion() {
        fixture.givenNoPriorActivity()
                .when(new RegisterArtisan(ID, NIA, "MA-MAR", ZELLIGE, Gender.F, experience(4), sealedFor(ID), "MA-06"))
                .expectException(ForbiddenException.class).expectNoEvents();
    }

    @Test
    void aNationalActorMayRegisterAnywhere() {
        fixture.givenNoPriorActivity()
                .when(new RegisterArtisan(ID, NIA, "MA-MAR", ZELLIGE, Gender.F, experience(4), sealedFor(ID), null))
                .expectSuccessfulHandlerExecution();
    }

    // cards

    @Test
    void issuesACardValidForTheConfiguredPeriod() {
        fixture.given(registered())
                .when(new IssueCard(ID, CARD, MARRAKECH_SAFI, CHECK_CODE))
                .expectEvents(new CardIssued(ID, CARD, TODAY, TODAY.plusYears(5).minusDays(1), CHECK_CODE));
    }

    @Test
    void refusesASecondCardWhileTheFirstIsValid() {
        fixture.given(registered(), new CardIssued(ID, CARD, TODAY.minusYears(1), TODAY.plusYears(4), CHECK_CODE))
                .when(new IssueCard(ID, new CardNumber(MARRAKECH_SAFI, 2026, 46).value(), MARRAKECH_SAFI, CHECK_CODE))
                .expectException(RuleViolationException.class)
                .expectException(rule("one-valid-card"))
                .expectNoEvents();
    }

    @Test
    void theLastDayOfValidityStillCounts() {
        fixture.given(registered(), new CardIssued(ID, CARD, TODAY.minusYears(5), TODAY, CHECK_CODE))
                .when(new IssueCard(ID, new CardNumber(MARRAKECH_SAFI, 2026, 46).value(), MARRAKECH_SAFI, CHECK_CODE))
                .expectException(RuleViolationException.class).expectNoEvents();
    }

    @Test
    void issuesANewCardOnceTheOldOneHasExpired() {
        String next = new CardNumber(MARRAKECH_SAFI, 2026, 46).value();
        fixture.given(registered(), new CardIssued(ID, CARD, TODAY.minusYears(5), TODAY.minusDays(1), CHECK_CODE))
                .when(new IssueCard(ID, next, MARRAKECH_SAFI, CHECK_CODE))
                .expectEvents(new CardIssued(ID, next, TODAY, TODAY.plusYears(5).minusDays(1), CHECK_CODE));
    }

    @Test
    void aSuspendedOrStruckOffArtisanGetsNoCard() {
        fixture.given(registered(), new ArtisanSuspended(ID, sealed(ID, "inquiry")))
                .when(new IssueCard(ID, CARD, MARRAKECH_SAFI, CHECK_CODE))
                .expectException(rule("artisan-must-be-active"))
                .expectNoEvents();
        fixture.given(registered(), new ArtisanStruckOff(ID, sealed(ID, "deceased")))
                .when(new IssueCard(ID, CARD, MARRAKECH_SAFI, CHECK_CODE))
                .expectException(RuleViolationException.class).expectNoEvents();
    }

    @Test
    void aReinstatedArtisanCanGetACardAgain() {
        fixture.given(registered(), new ArtisanSuspended(ID, sealed(ID, "inquiry")), new ArtisanReinstated(ID, sealed(ID, "cleared")))
                .when(new IssueCard(ID, CARD, MARRAKECH_SAFI, CHECK_CODE))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void aClerkOfAnotherRegionCannotIssueACard() {
        fixture.given(registered())
                .when(new IssueCard(ID, new CardNumber("MA-06", 2026, 1).value(), "MA-06", CHECK_CODE))
                .expectException(ForbiddenException.class).expectNoEvents();
    }

    @Test
    void rejectsAMalformedCardNumber() {
        fixture.given(registered())
                .when(new IssueCard(ID, "C07-2026-000045-0", MARRAKECH_SAFI, CHECK_CODE))
                .expectException(InvalidInputException.class).expectNoEvents();
    }

    // professional bodies

    private void body(String id, BodyLevel level, String branch, String territory, String region) {
        bodies.put(id, new BodyFacts(id, level, branch, territory, region));
    }

    @Test
    void joinsTheProvincialBodyOfItsBranchAndProvince() {
        body(BODY, BodyLevel.PROVINCIAL, "B08", "MA-MAR", MARRAKECH_SAFI);
        fixture.given(registered())
                .when(new JoinProfessionalBody(ID, BODY, MARRAKECH_SAFI))
                .expectEvents(new ArtisanJoinedProfessionalBody(ID, BODY, "B08", TODAY));
    }

    @Test
    void refusesARegionalOrNationalBody() {
        body(BODY, BodyLevel.REGIONAL, "B08", MARRAKECH_SAFI, MARRAKECH_SAFI);
        fixture.given(registered()).when(new JoinProfessionalBody(ID, BODY, MARRAKECH_SAFI))
                .expectException(rule("body-must-be-provincial"))
                .expectNoEvents();
        // The national level is no region's: not a question of the clerk's region, the joining rule answers it.
        body(BODY, BodyLevel.NATIONAL, "B08", "MA", null);
        fixture.given(registered()).when(new JoinProfessionalBody(ID, BODY, MARRAKECH_SAFI))
                .expectException(rule("body-must-be-provincial")).expectNoEvents();
        fixture.given(registered()).when(new LeaveProfessionalBody(ID, BODY, MARRAKECH_SAFI))
                .expectException(rule("not-a-member")).expectNoEvents();
    }

    @Test
    void aClerkIsRefusedAnotherRegionsBodyAndAnUnknownOneInTheSameWords() {
        body(BODY, BodyLevel.PROVINCIAL, "B08", "MA-FES", "MA-03");
        for (String named : List.of(BODY, "no-such-body")) {
            for (Object command : List.of(new JoinProfessionalBody(ID, named, MARRAKECH_SAFI),
                    new LeaveProfessionalBody(ID, named, MARRAKECH_SAFI),
                    new ExcludeFromProfessionalBody(ID, named, "dues unpaid", MARRAKECH_SAFI))) {
                fixture.given(registered()).when(command)
                        .expectException(ForbiddenException.class)
                        .expectExceptionMessage("A clerk of region " + MARRAKECH_SAFI
                                + " may only name the professional bodies of that region")
                        .expectNoEvents();
            }
        }
    }

    @Test
    void refusesABodyOfAnotherBranch() {
        body(BODY, BodyLevel.PROVINCIAL, "B06", "MA-MAR", MARRAKECH_SAFI);
        fixture.given(registered()).when(new JoinProfessionalBody(ID, BODY, MARRAKECH_SAFI))
                .expectException(rule("body-branch-must-match"))
                .expectNoEvents();
    }

    @Test
    void refusesABodyOfAnotherProvince() {
        body(BODY, BodyLevel.PROVINCIAL, "B08", "MA-SAF", MARRAKECH_SAFI);
        fixture.given(registered()).when(new JoinProfessionalBody(ID, BODY, MARRAKECH_SAFI))
                .expectException(rule("body-province-must-match"))
                .expectNoEvents();
    }

    @Test
    void atMostOneBodyPerBranch() {
        String other = "7f9a2c4e-0000-3000-8000-000000000002";
        body(other, BodyLevel.PROVINCIAL, "B08", "MA-MAR", MARRAKECH_SAFI);
        fixture.given(registered(), new ArtisanJoinedProfessionalBody(ID, BODY, "B08", TODAY.minusDays(3)))
                .when(new JoinProfessionalBody(ID, other, MARRAKECH_SAFI))
                .expectException(rule("one-body-per-branch"))
                .expectNoEvents();
    }

    @Test
    void aSuspendedArtisanCannotJoin() {
        body(BODY, BodyLevel.PROVINCIAL, "B08", "MA-MAR", MARRAKECH_SAFI);
        fixture.given(registered(), new ArtisanSuspended(ID, sealed(ID, "inquiry")))
                .when(new JoinProfessionalBody(ID, BODY, MARRAKECH_SAFI))
                .expectException(rule("artisan-must-be-active"))
                .expectNoEvents();
    }

    @Test
    void anUnknownBodyIsNotFoundByAnActorWithNationalScope() {
        fixture.given(registered()).when(new JoinProfessionalBody(ID, "no-such-body", null))
                .expectException(NotFoundException.class).expectNoEvents();
        fixture.given(registered()).when(new LeaveProfessionalBody(ID, "no-such-body", null))
                .expectException(NotFoundException.class).expectNoEvents();
    }

    @Test
    void aClerkOfAnotherRegionCannotEnrolTheArtisan() {
        body(BODY, BodyLevel.PROVINCIAL, "B08", "MA-MAR", MARRAKECH_SAFI);
        fixture.given(registered()).when(new JoinProfessionalBody(ID, BODY, "MA-01"))
                .expectException(ForbiddenException.class).expectNoEvents();
    }

    // status

    @Test
    void suspendsReinstatesAndStrikesOff() {
        fixture.given(registered()).when(new SuspendArtisan(ID, " inquiry ", MARRAKECH_SAFI))
                .expectEvents(new ArtisanSuspended(ID, sealed(ID, "inquiry")));
        fixture.given(registered(), new ArtisanSuspended(ID, sealed(ID, "inquiry"))).when(new ReinstateArtisan(ID, "cleared", MARRAKECH_SAFI))
                .expectEvents(new ArtisanReinstated(ID, sealed(ID, "cleared")));
        fixture.given(registered(), new ArtisanSuspended(ID, sealed(ID, "inquiry"))).when(new StrikeOffArtisan(ID, "fraud", MARRAKECH_SAFI))
                .expectEvents(new ArtisanStruckOff(ID, sealed(ID, "fraud")));
    }

    @Test
    void statusChangesFollowTheLifecycle() {
        fixture.given(registered(), new ArtisanSuspended(ID, sealed(ID, "inquiry"))).when(new SuspendArtisan(ID, "again", MARRAKECH_SAFI))
                .expectException(RuleViolationException.class).expectNoEvents();
        fixture.given(registered()).when(new ReinstateArtisan(ID, "nothing to lift", MARRAKECH_SAFI))
                .expectException(rule("artisan-must-be-suspended"))
                .expectNoEvents();
        fixture.given(registered(), new ArtisanStruckOff(ID, sealed(ID, "fraud"))).when(new ReinstateArtisan(ID, "appeal", MARRAKECH_SAFI))
                .expectException(RuleViolationException.class).expectNoEvents();
        fixture.given(registered(), new ArtisanStruckOff(ID, sealed(ID, "fraud"))).when(new StrikeOffArtisan(ID, "again", MARRAKECH_SAFI))
                .expectException(RuleViolationException.class).expectNoEvents();
        fixture.given(registered()).when(new SuspendArtisan(ID, " ", MARRAKECH_SAFI))
                .expectException(InvalidInputException.class).expectNoEvents();
        fixture.given(registered()).when(new SuspendArtisan(ID, "inquiry", "MA-02"))
                .expectException(ForbiddenException.class).expectNoEvents();
    }

    @Test
    void categoryRulesReportTheFieldAtFault() {
        List<InvalidInputException.FieldProblem> problems = new ArrayList<>();
        assertThat(Artisan.categoryFor(experience(9), problems)).isEqualTo(ArtisanCategory.ARTISAN);
        assertThat(Artisan.categoryFor(experience(3), problems)).isEqualTo(ArtisanCategory.ARTISAN);
        assertThat(problems).isEmpty();
        assertThat(Artisan.categoryFor(experience(2), problems)).isNull();
        assertThat(field(new InvalidInputException(problems))).isEqualTo("qualification.yearsOfPractice");
    }
}
