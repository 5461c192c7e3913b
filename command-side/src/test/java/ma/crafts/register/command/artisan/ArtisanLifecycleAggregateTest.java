package ma.crafts.register.command.artisan;

import static ma.crafts.register.command.support.AggregateFixtures.sealed;
import static ma.crafts.register.command.support.AggregateFixtures.registeredInMarrakech;
import static ma.crafts.register.command.support.AggregateFixtures.rule;
import ma.crafts.register.command.support.AggregateFixtures;
import static ma.crafts.register.command.support.TestReference.NOMENCLATURE;
import static ma.crafts.register.command.support.TestReference.POLICY;
import static ma.crafts.register.command.support.TestReference.TODAY;
import static ma.crafts.register.command.support.TestReference.sealedFor;
import static org.axonframework.test.matchers.Matchers.predicate;
import static org.hamcrest.Matchers.containsString;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ma.crafts.register.command.RegisterPolicy;
import ma.crafts.register.command.TextOpener;
import ma.crafts.register.command.body.BodyFacts;
import ma.crafts.register.errors.ForbiddenException;
import ma.crafts.register.errors.InvalidInputException;
import ma.crafts.register.errors.NotFoundException;
import ma.crafts.register.errors.RuleViolationException;
import ma.crafts.register.events.artisan.ArtisanDetailsAmended;
import ma.crafts.register.events.artisan.ArtisanJoinedProfessionalBody;
import ma.crafts.register.events.artisan.ArtisanRegistered;
import ma.crafts.register.events.artisan.ArtisanReinstated;
import ma.crafts.register.events.artisan.ArtisanRelocated;
import ma.crafts.register.events.artisan.ArtisanStruckOff;
import ma.crafts.register.events.artisan.ArtisanSuspended;
import ma.crafts.register.events.artisan.DiplomaEvidenceChecked;
import ma.crafts.register.events.artisan.DiplomaEvidenceRecorded;
import ma.crafts.register.events.artisan.MasterArtisanStatusGranted;
import ma.crafts.register.events.artisan.ProfessionalBodyMembershipEnded;
import ma.crafts.register.events.artisan.ProfessionalBodyMembershipEnded.Cause;
import ma.crafts.register.events.privacy.PersonalDataErased;
import ma.crafts.register.values.ArtisanCategory;
import ma.crafts.register.values.BodyLevel;
import ma.crafts.register.values.Gender;
import ma.crafts.register.values.QualificationRoute;
import ma.crafts.register.values.RegisteredQualification;
import ma.crafts.register.values.SealedPersonalData;
import ma.crafts.register.values.SealedText;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every artisan transition after registration, and every rejection, on the aggregate alone. */
class ArtisanLifecycleAggregateTest {
    private static final String ID = "5b0c3f3e-8d1a-4c55-9d3e-0f6f0e6a1a02";
    private static final String MARRAKECH_SAFI = "MA-07";
    private static final String FES_MEKNES = "MA-03";
    private static final String NIA = new Nia(MARRAKECH_SAFI, 2026, 124).value();
    private static final String ZELLIGE = "B08-001";
    private static final String BODY_MARRAKECH_B08 = "body-b08-mar";
    private static final String BODY_MARRAKECH_B06 = "body-b06-mar";
    private static final LocalDate JOINED = TODAY.minusYears(1);
    private static final SealedPersonalData NEW_DATA = new SealedPersonalData(ID, "AES-256-GCM", "bm9uY2Uy", "bmV3");

    private FixtureConfiguration<Artisan> fixture;
    private final Map<String, BodyFacts> bodies = new HashMap<>();

    @BeforeEach
    void setUp() {
        fixture = AggregateFixtures.fixture(Artisan.class, POLICY, bodies);
        bodies.put(BODY_MARRAKECH_B08, new BodyFacts(BODY_MARRAKECH_B08, BodyLevel.PROVINCIAL, "B08", "MA-MAR", MARRAKECH_SAFI));
        bodies.put(BODY_MARRAKECH_B06, new BodyFacts(BODY_MARRAKECH_B06, BodyLevel.PROVINCIAL, "B06", "MA-MAR", MARRAKECH_SAFI));
    }

    private static ArtisanRegistered registered(RegisteredQualification qualification, ArtisanCategory category) {
        return registeredInMarrakech(ID, NIA, Gender.F, qualification, category);
    }

    private static ArtisanRegistered registered() {
        return registered(AggregateFixtures.experience(6), ArtisanCategory.ARTISAN);
    }

    private static ArtisanRegistered onDiploma(String diplomaRef) {
        return registered(AggregateFixtures.diploma(ID, 2, diplomaRef), ArtisanCategory.ARTISAN);
    }

    private static ArtisanJoinedProfessionalBody joinedB08() {
        return new ArtisanJoinedProfessionalBody(ID, BODY_MARRAKECH_B08, "B08", JOINED);
    }

    // --- erasure (Law 09-08) -------------------------------------------------------------------------------------

    @Test
    void anErasureIsRecordedOnceWithItsJustificationAndNoPersonalData() {
        fixture.given(registered(), joinedB08())
                .when(new EraseArtisanPersonalData(ID, "the artisan's request of 2 December", "Loi 09-08, art. 8"))
                .expectEvents(new PersonalDataErased(ID, "the artisan's request of 2 December", "Loi 09-08, art. 8"));
        fixture.given(registered(), new PersonalDataErased(ID, "request", "Loi 09-08"))
                .when(new EraseArtisanPersonalData(ID, "again", "Loi 09-08"))
                .expectException(RuleViolationException.class)
                .expectExceptionMessage(containsString("already erased"))
                .expectNoEvents();
    }

    @Test
    void anErasureNeedsNoRegionItIsTheRegistryAdministratorsAct() {
        fixture.given(registered())
                .when(new EraseArtisanPersonalData(ID, "request", "Loi 09-08"))
                .expectSuccessfulHandlerExecution();
    }

    // --- amendments ---------------------------------------------------------------------------------------------

    @Test
    void amendsPersonalDataOnTheLatestSealedRecord() {
        fixture.given(registered())
                .when(new AmendArtisanDetails(ID, List.of("phone", "address"), NEW_DATA, sealedFor(ID), null, MARRAKECH_SAFI))
                .expectEvents(new ArtisanDetailsAmended(ID, List.of("phone", "address"), NEW_DATA, null, null, null));
    }

    @Test
    void amendsTheActivityDerivingBranchAndNomenclatureVersion() {
        fixture.given(registered())
                .when(new AmendArtisanDetails(ID, List.of(), null, sealedFor(ID), "B08-002", MARRAKECH_SAFI))
                .expectEvents(new ArtisanDetailsAmended(ID, List.of("activityCode"), null, "B08-002", "B08",
                        NOMENCLATURE.version()));
    }

    @Test
    void anActivityOfAnotherBranchEndsTheMembershipsOfTheOldBranch() {
        fixture.given(registered(), joinedB08())
                .when(new AmendArtisanDetails(ID, List.of(), null, sealedFor(ID), "B06-001", MARRAKECH_SAFI))
                .expectEvents(new ArtisanDetailsAmended(ID, List.of("activityCode"), null, "B06-001", "B06",
                                NOMENCLATURE.version()),
                        new ProfessionalBodyMembershipEnded(ID, BODY_MARRAKECH_B08, "B08", JOINED, TODAY,
                                Cause.BRANCH_CHANGED, null));
    }

    @Test
    void anAmendmentMadeOnOutdatedDataIsRefused() {
        fixture.given(registered(), new ArtisanDetailsAmended(ID, List.of("phone"), NEW_DATA, null, null, null))
                .when(new AmendArtisanDetails(ID, List.of("address"), sealedFor(ID), sealedFor(ID), null, MARRAKECH_SAFI))
                .expectException(ConcurrencyException.class)
                .expectNoEvents();
    }

    @Test
    void anAmendmentThatChangesNothingIsRefused() {
        fixture.given(registered())
                .when(new AmendArtisanDetails(ID, List.of(), null, sealedFor(ID), ZELLIGE, MARRAKECH_SAFI))
                .expectException(rule("no-change"))
                .expectNoEvents();
    }

    @Test
    void amendmentsAreCheckedBeforeAnythingIsStored() {
        fixture.given(registered())
                .when(new AmendArtisanDetails(ID, List.of(), null, sealedFor(ID), "B99-999", MARRAKECH_SAFI))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage(containsString("activityCode"))
                .expectNoEvents();
        SealedPersonalData foreignKey = new SealedPersonalData("someone-else", "AES-256-GCM", "bm9uY2U=", "eA==");
        fixture.given(registered())
                .when(new AmendArtisanDetails(ID, List.of("phone"), foreignKey, sealedFor(ID), null, MARRAKECH_SAFI))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage(containsString("personalData"))
                .expectNoEvents();
        fixture.given(registered(), new ArtisanStruckOff(ID, sealed(ID, "fraud")))
                .when(new AmendArtisanDetails(ID, List.of("phone"), NEW_DATA, sealedFor(ID), null, MARRAKECH_SAFI))
                .expectException(rule("artisan-struck-off"))
                .expectNoEvents();
        fixture.given(registered())
                .when(new AmendArtisanDetails(ID, List.of("phone"), NEW_DATA, sealedFor(ID), null, FES_MEKNES))
                .expectException(ForbiddenException.class)
                .expectNoEvents();
    }

    // --- relocation ---------------------------------------------------------------------------------------------

    @Test
    void relocationMovesProvinceAndRegionAndEndsProvincialMemberships() {
        fixture.given(registered(), joinedB08())
                .when(new RelocateArtisan(ID, "MA-FES", NEW_DATA, sealedFor(ID), MARRAKECH_SAFI))
                .expectEvents(new ArtisanRelocated(ID, "MA-MAR", MARRAKECH_SAFI, "MA-FES", FES_MEKNES, NEW_DATA),
                        new ProfessionalBodyMembershipEnded(ID, BODY_MARRAKECH_B08, "B08", JOINED, TODAY,
                                Cause.RELOCATED, null));
    }

    @Test
    void afterARelocationOnlyTheNewRegionsClerksMayWrite() {
        ArtisanRelocated moved = new ArtisanRelocated(ID, "MA-MAR", MARRAKECH_SAFI, "MA-FES", FES_MEKNES, NEW_DATA);
        fixture.given(registered(), moved)
                .when(new SuspendArtisan(ID, "inquiry", MARRAKECH_SAFI))
                .expectException(ForbiddenException.class)
                .expectNoEvents();
        fixture.given(registered(), moved)
                .when(new SuspendArtisan(ID, "inquiry", FES_MEKNES))
                .expectEvents(new ArtisanSuspended(ID, sealed(ID, "inquiry")));
        fixture.given(registered(), moved)
                .when(new RelocateArtisan(ID, "MA-MAR", sealedFor(ID), NEW_DATA, MARRAKECH_SAFI))
                .expectException(ForbiddenException.class)
                .expectNoEvents();
    }

    @Test
    void aSuspendedArtisanMayMoveButAStruckOffOneMayNot() {
        fixture.given(registered(), new ArtisanSuspended(ID, sealed(ID, "inquiry")))
                .when(new RelocateArtisan(ID, "MA-SAF", NEW_DATA, sealedFor(ID), MARRAKECH_SAFI))
                .expectEvents(new ArtisanRelocated(ID, "MA-MAR", MARRAKECH_SAFI, "MA-SAF", MARRAKECH_SAFI, NEW_DATA));
        fixture.given(registered(), new ArtisanStruckOff(ID, sealed(ID, "fraud")))
                .when(new RelocateArtisan(ID, "MA-SAF", NEW_DATA, sealedFor(ID), MARRAKECH_SAFI))
                .expectException(rule("artisan-struck-off"))
                .expectNoEvents();
    }

    @Test
    void relocationRejections() {
        fixture.given(registered())
                .when(new RelocateArtisan(ID, "MA-MAR", NEW_DATA, sealedFor(ID), MARRAKECH_SAFI))
                .expectException(rule("relocation-needs-another-province"))
                .expectNoEvents();
        fixture.given(registered())
                .when(new RelocateArtisan(ID, "MA-XXX", NEW_DATA, sealedFor(ID), MARRAKECH_SAFI))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage(containsString("provinceCode"))
                .expectNoEvents();
        fixture.given(registered())
                .when(new RelocateArtisan(ID, "MA-FES", null, sealedFor(ID), MARRAKECH_SAFI))
                .expectException(InvalidInputException.class)
                .expectNoEvents();
        fixture.given(registered(), new ArtisanDetailsAmended(ID, List.of("phone"), NEW_DATA, null, null, null))
                .when(new RelocateArtisan(ID, "MA-FES", NEW_DATA, sealedFor(ID), MARRAKECH_SAFI))
                .expectException(ConcurrencyException.class)
                .expectNoEvents();
    }

    // --- status and memberships ---------------------------------------------------------------------------------

    @Test
    void strikingOffEndsEveryMembershipWithTheReason() {
        ArtisanJoinedProfessionalBody joinedB06 = new ArtisanJoinedProfessionalBody(ID, BODY_MARRAKECH_B06, "B06", JOINED);
        fixture.given(registered(), joinedB08(), joinedB06)
                .when(new StrikeOffArtisan(ID, "fausse déclaration", MARRAKECH_SAFI))
                .expectEvents(new ArtisanStruckOff(ID, sealed(ID, "fausse déclaration")),
                        new ProfessionalBodyMembershipEnded(ID, BODY_MARRAKECH_B08, "B08", JOINED, TODAY,
                                Cause.STRUCK_OFF, sealed(ID, "fausse déclaration")),
                        new ProfessionalBodyMembershipEnded(ID, BODY_MARRAKECH_B06, "B06", JOINED, TODAY,
                                Cause.STRUCK_OFF, sealed(ID, "fausse déclaration")));
    }

    @Test
    void suspensionKeepsMembershipsAndReinstatementRestoresTheStatus() {
        fixture.given(registered(), joinedB08())
                .when(new SuspendArtisan(ID, "contrôle", MARRAKECH_SAFI))
                .expectEvents(new ArtisanSuspended(ID, sealed(ID, "contrôle")));
        fixture.given(registered(), joinedB08(), new ArtisanSuspended(ID, sealed(ID, "contrôle")))
                .when(new ReinstateArtisan(ID, "régularisé", MARRAKECH_SAFI))
                .expectEvents(new ArtisanReinstated(ID, sealed(ID, "régularisé")));
    }

    @Test
    void aReasonIsRequiredAndBounded() {
        fixture.given(registered()).when(new StrikeOffArtisan(ID, null, MARRAKECH_SAFI))
                .expectException(InvalidInputException.class).expectNoEvents();
        fixture.given(registered()).when(new SuspendArtisan(ID, "x".repeat(501), MARRAKECH_SAFI))
                .expectException(InvalidInputException.class).expectNoEvents();
    }

    @Test
    void leavesABodyKeepingWhenTheMembershipBegan() {
        fixture.given(registered(), joinedB08())
                .when(new LeaveProfessionalBody(ID, BODY_MARRAKECH_B08, MARRAKECH_SAFI))
                .expectEvents(new ProfessionalBodyMembershipEnded(ID, BODY_MARRAKECH_B08, "B08", JOINED, TODAY,
                        Cause.LEFT, null));
    }

    @Test
    void afterLeavingTheArtisanMayJoinAgain() {
        fixture.given(registered(), joinedB08(), new ProfessionalBodyMembershipEnded(ID, BODY_MARRAKECH_B08, "B08", JOINED,
                        TODAY, Cause.LEFT, null))
                .when(new JoinProfessionalBody(ID, BODY_MARRAKECH_B08, MARRAKECH_SAFI))
                .expectEvents(new ArtisanJoinedProfessionalBody(ID, BODY_MARRAKECH_B08, "B08", TODAY));
    }

    @Test
    void recordsAnExclusionWithTheBodysReason() {
        fixture.given(registered(), joinedB08())
                .when(new ExcludeFromProfessionalBody(ID, BODY_MARRAKECH_B08, " cotisations impayées ", MARRAKECH_SAFI))
                .expectEvents(new ProfessionalBodyMembershipEnded(ID, BODY_MARRAKECH_B08, "B08", JOINED, TODAY,
                        Cause.EXCLUDED, sealed(ID, "cotisations impayées")));
    }

    @Test
    void leavingOrExclusionNeedAMembershipOfAnExistingBody() {
        fixture.given(registered())
                .when(new LeaveProfessionalBody(ID, BODY_MARRAKECH_B08, MARRAKECH_SAFI))
                .expectException(rule("not-a-member"))
                .expectNoEvents();
        // An actor with national scope; a clerk is refused an unknown body with 403 (ArtisanAggregateTest).
        fixture.given(registered())
                .when(new LeaveProfessionalBody(ID, "no-such-body", null))
                .expectException(NotFoundException.class)
                .expectNoEvents();
        fixture.given(registered(), joinedB08())
                .when(new ExcludeFromProfessionalBody(ID, BODY_MARRAKECH_B06, "motif", MARRAKECH_SAFI))
                .expectException(rule("not-a-member"))
                .expectNoEvents();
        fixture.given(registered(), joinedB08())
                .when(new ExcludeFromProfessionalBody(ID, BODY_MARRAKECH_B08, " ", MARRAKECH_SAFI))
                .expectException(InvalidInputException.class)
                .expectNoEvents();
        fixture.given(registered(), joinedB08())
                .when(new ExcludeFromProfessionalBody(ID, BODY_MARRAKECH_B08, "motif", FES_MEKNES))
                .expectException(ForbiddenException.class)
                .expectNoEvents();
    }

    @Test
    void noJoiningABodyOfAnotherProvinceAfterAMove() {
        fixture.given(registered(), new ArtisanRelocated(ID, "MA-MAR", MARRAKECH_SAFI, "MA-SAF", MARRAKECH_SAFI, NEW_DATA))
                .when(new JoinProfessionalBody(ID, BODY_MARRAKECH_B08, MARRAKECH_SAFI))
                .expectException(rule("body-province-must-match"))
                .expectNoEvents();
    }

    // --- master artisan -----------------------------------------------------------------------------------------

    @Test
    void grantsMasterArtisanStatusOnTenYears() {
        fixture.given(registered())
                .when(new GrantMasterArtisanStatus(ID, 10, " ATT-2026-0042 ", MARRAKECH_SAFI))
                .expectEvents(new MasterArtisanStatusGranted(ID, 10, sealed(ID, "ATT-2026-0042")));
    }

    @Test
    void masterArtisanStatusRejections() {
        fixture.given(registered())
                .when(new GrantMasterArtisanStatus(ID, 9, "ATT-1", MARRAKECH_SAFI))
                .expectException(rule("master-artisan-years"))
                .expectNoEvents();
        fixture.given(registered(AggregateFixtures.experience(12), ArtisanCategory.MASTER_ARTISAN))
                .when(new GrantMasterArtisanStatus(ID, 12, "ATT-1", MARRAKECH_SAFI))
                .expectException(rule("already-master-artisan"))
                .expectNoEvents();
        fixture.given(registered(), new MasterArtisanStatusGranted(ID, 11, sealed(ID, "ATT-0")))
                .when(new GrantMasterArtisanStatus(ID, 12, "ATT-1", MARRAKECH_SAFI))
                .expectException(rule("already-master-artisan"))
                .expectNoEvents();
        fixture.given(registered(), new ArtisanSuspended(ID, sealed(ID, "inquiry")))
                .when(new GrantMasterArtisanStatus(ID, 12, "ATT-1", MARRAKECH_SAFI))
                .expectException(rule("artisan-must-be-active"))
                .expectNoEvents();
        fixture.given(registered())
                .when(new GrantMasterArtisanStatus(ID, null, " ", MARRAKECH_SAFI))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage(containsString("evidenceRef"))
                .expectNoEvents();
        fixture.given(registered())
                .when(new GrantMasterArtisanStatus(ID, 12, "ATT-1", FES_MEKNES))
                .expectException(ForbiddenException.class)
                .expectNoEvents();
    }

    @Test
    void theMasterArtisanThresholdIsPolicy() {
        RegisterPolicy twelveYears = new RegisterPolicy(POLICY.clock(), POLICY.cardValidity(), 15, 120,
                POLICY.cardRenewalWindow(), POLICY.cardRenewalGrace(), 3, 12);
        FixtureConfiguration<Artisan> strict = AggregateFixtures.fixture(Artisan.class, twelveYears, bodies);
        strict.given(registered())
                .when(new GrantMasterArtisanStatus(ID, 11, "ATT-1", MARRAKECH_SAFI))
                .expectException(rule("master-artisan-years"))
                .expectExceptionMessage(containsString("12 years"))
                .expectNoEvents();
    }

    // --- diploma evidence ---------------------------------------------------------------------------------------

    @Test
    void recordsDiplomaEvidenceAndConfirmsItAgainstTheRegisteredDiploma() {
        fixture.given(onDiploma("OFPPT-2019-0042"))
                .when(new RecordDiplomaEvidence(ID, "ofppt 2019 0042", "OFPPT", "CH07-DOC-815", MARRAKECH_SAFI))
                .expectEvents(new DiplomaEvidenceRecorded(ID, sealed(ID, "ofppt 2019 0042"), "OFPPT", sealed(ID, "CH07-DOC-815")),
                        new DiplomaEvidenceChecked(ID, sealed(ID, "ofppt 2019 0042"), DiplomaEvidenceChecked.Outcome.CONFIRMED,
                                "The evidence names the diploma the artisan was registered with"));
    }

    @Test
    void evidenceOfAnotherDiplomaIsRecordedAsAMismatch() {
        fixture.given(onDiploma("OFPPT-2019-0042"))
                .when(new RecordDiplomaEvidence(ID, "OFPPT-2018-0999", "OFPPT", "CH07-DOC-816", MARRAKECH_SAFI))
                .expectEventsMatching(predicate((List<EventMessage<?>> events) -> events.size() == 2
                        && events.get(1).getPayload() instanceof DiplomaEvidenceChecked checked
                        && checked.outcome() == DiplomaEvidenceChecked.Outcome.MISMATCH
                        && checked.detail().contains("another diploma")
                        && !checked.detail().contains("OFPPT-2019-0042") && !checked.detail().contains("OFPPT-2018-0999")));
    }

    @Test
    void aRegistrationRecordedBeforeReferencesWereSealedIsCheckedAgainstItsReferenceInClear() {
        RegisteredQualification recordedInClear = new RegisteredQualification(QualificationRoute.DIPLOMA, 2,
                SealedText.recordedInClear(ID, "OFPPT-2019-0042"));
        expectCheck(recordedInClear, "ofppt 2019 0042", DiplomaEvidenceChecked.Outcome.CONFIRMED);
        expectCheck(recordedInClear, "OFPPT-2018-0999", DiplomaEvidenceChecked.Outcome.MISMATCH);
    }

    @Test
    void evidenceIsRefusedWholeWhenTheRegisteredReferenceCannotBeOpenedAnyMore() {
        TextOpener keyErased = sealed -> {
            throw new RuleViolationException("personal-data-erased", "The key of " + sealed.keyId() + " is gone");
        };
        AggregateFixtures.fixture(Artisan.class, POLICY, bodies, keyErased)
                .given(onDiploma("OFPPT-2019-0042"))
                .when(new RecordDiplomaEvidence(ID, "OFPPT-2019-0042", "OFPPT", "CH07-DOC-819", MARRAKECH_SAFI))
                .expectException(rule("personal-data-erased"))
                .expectNoEvents();
    }

    private void expectCheck(RegisteredQualification registered, String evidenceDiplomaRef,
                             DiplomaEvidenceChecked.Outcome outcome) {
        fixture.given(registered(registered, ArtisanCategory.ARTISAN))
                .when(new RecordDiplomaEvidence(ID, evidenceDiplomaRef, "OFPPT", "CH07-DOC-817", MARRAKECH_SAFI))
                .expectEventsMatching(predicate((List<EventMessage<?>> events) -> events.size() == 2
                        && events.get(1).getPayload() instanceof DiplomaEvidenceChecked checked
                        && checked.outcome() == outcome));
    }

    @Test
    void diplomaEvidenceRejections() {
        fixture.given(registered())
                .when(new RecordDiplomaEvidence(ID, "OFPPT-1", "OFPPT", "DOC-1", MARRAKECH_SAFI))
                .expectException(rule("diploma-route-only"))
                .expectNoEvents();
        fixture.given(onDiploma("OFPPT-1"), new ArtisanStruckOff(ID, sealed(ID, "fraud")))
                .when(new RecordDiplomaEvidence(ID, "OFPPT-1", "OFPPT", "DOC-1", MARRAKECH_SAFI))
                .expectException(rule("artisan-struck-off"))
                .expectNoEvents();
        fixture.given(onDiploma("OFPPT-1"))
                .when(new RecordDiplomaEvidence(ID, "OFPPT-1", " ", null, MARRAKECH_SAFI))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage(containsString("issuer"))
                .expectNoEvents();
        fixture.given(onDiploma("OFPPT-1"))
                .when(new RecordDiplomaEvidence(ID, "OFPPT-1", "OFPPT", "DOC-1", FES_MEKNES))
                .expectException(ForbiddenException.class)
                .expectNoEvents();
    }
}
