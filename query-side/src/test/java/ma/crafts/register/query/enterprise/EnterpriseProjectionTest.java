package ma.crafts.register.query.enterprise;

import static ma.crafts.register.values.SealedText.recordedInClear;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ma.crafts.register.errors.ForbiddenException;
import ma.crafts.register.errors.NotFoundException;
import ma.crafts.register.events.enterprise.EnterpriseDetailsAmended;
import ma.crafts.register.events.enterprise.EnterpriseFlaggedNonCompliant;
import ma.crafts.register.events.enterprise.EnterpriseRegistered;
import ma.crafts.register.events.enterprise.EnterpriseReinstated;
import ma.crafts.register.events.enterprise.EnterpriseStruckOff;
import ma.crafts.register.events.enterprise.EnterpriseSupervisingArtisanChanged;
import ma.crafts.register.events.enterprise.EnterpriseSuspended;
import ma.crafts.register.platform.privacy.MasterKey;
import ma.crafts.register.platform.privacy.PersonalDataVault;
import ma.crafts.register.platform.security.CurrentActor;
import ma.crafts.register.query.ActorReads;
import ma.crafts.register.query.ProjectionFreshness;
import ma.crafts.register.query.ReadAccess;
import ma.crafts.register.query.readlog.PersonalDataReadLog;
import ma.crafts.register.query.readlog.mongo.ReadLogRecords;
import ma.crafts.register.query.enterprise.mongo.EnterpriseRepository;
import ma.crafts.register.query.support.Acting;
import ma.crafts.register.query.support.InMemoryMongo;
import ma.crafts.register.values.ArtisanStatus;
import ma.crafts.register.values.Gender;
import ma.crafts.register.values.LocalizedText;
import ma.crafts.register.values.PersonalData;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The enterprise view on an embedded MongoDB, fed as the processor feeds it and read as each role reads it. */
class EnterpriseProjectionTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private InMemoryMongo mongo;
    private PersonalDataVault vault;
    private EnterpriseRepository repository;
    private EnterpriseProjection projection;
    private EnterpriseQueries queries;
    private AnnotationEventHandlerAdapter handler;

    @BeforeEach
    void setUp() {
        mongo = new InMemoryMongo();
        vault = new PersonalDataVault(mongo.database(), MasterKey.random(), 16, Duration.ofMinutes(1));
        repository = new EnterpriseRepository(mongo.database());
        projection = new EnterpriseProjection(repository);
        handler = new AnnotationEventHandlerAdapter(projection);
        queries = new EnterpriseQueries(repository, new ActorReads(vault, new ReadAccess(new CurrentActor()),
                new ProjectionFreshness(null, null, new CurrentActor(), null, 0),
                new PersonalDataReadLog(new ReadLogRecords(mongo.database()), new CurrentActor(), Clock.systemUTC())),
                null);
    }

    @AfterEach
    void tearDown() {
        Acting.nobody();
        mongo.close();
    }

    @Test
    void theViewShowsTheRepresentativePerRole() {
        register("e-caftan", "MA-07");

        Acting.as("clerk", "CHAMBER_CLERK", "MA-07");
        EnterpriseView full = queries.view("e-caftan", null, null);
        assertThat(full.name().fr()).isEqualTo("Caftans e-caftan");
        assertThat(full.regionCode()).isEqualTo("MA-07");
        assertThat(full.activityCodes()).containsExactly("B01-001", "B02-003");
        assertThat(full.supervisingArtisanId()).isEqualTo("a-fatima");
        assertThat(full.compliant()).isTrue();
        assertThat(full.representative().cin()).as("the region's clerk sees what it amends").isEqualTo("EE123456");
        assertThat(full.representative().phone()).isEqualTo("+212612345678");
        assertThat(full.masked()).isFalse();
        assertThat(full.version()).isZero();
        assertThat(full.position()).isEqualTo(7);

        Acting.as("analyst", "MINISTRY_ANALYST", null);
        EnterpriseView masked = queries.view("e-caftan", null, null);
        assertThat(masked.representative().firstName().fr()).isEqualTo("F.");
        assertThat(masked.representative().cin()).isNull();
        assertThat(masked.representative().birthDate()).isNull();
        assertThat(masked.masked()).isTrue();

        Acting.as("clerk-04", "CHAMBER_CLERK", "MA-04");
        assertThatThrownBy(() -> queries.view("e-caftan", null, null)).isInstanceOf(ForbiddenException.class);
        Acting.as("admin", "REGISTRY_ADMIN", null);
        assertThatThrownBy(() -> queries.view("e-caftan", null, null)).isInstanceOf(ForbiddenException.class);
        Acting.as("auditor", "AUDITOR", null);
        assertThatThrownBy(() -> queries.view("e-unknown", null, null)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aFlagIsAppliedOnceAndAnErasedRepresentativeShowsAsNull() {
        register("e-caftan", "MA-07");
        EnterpriseFlaggedNonCompliant flag = new EnterpriseFlaggedNonCompliant("e-caftan", "a-fatima", "MA-07",
                EnterpriseFlaggedNonCompliant.SUPERVISING_ARTISAN_STRUCK_OFF);
        deliver("e-caftan", 1, 9, flag);
        deliver("e-caftan", 1, 9, flag);
        // The processor delivers a failed batch again from its start, in order.
        register("e-caftan", "MA-07");
        deliver("e-caftan", 1, 9, flag);
        vault.erase("e-caftan");

        Acting.as("auditor", "AUDITOR", null);
        EnterpriseView view = queries.view("e-caftan", null, null);
        assertThat(view.compliant()).isFalse();
        assertThat(view.nonComplianceCause()).isEqualTo(EnterpriseFlaggedNonCompliant.SUPERVISING_ARTISAN_STRUCK_OFF);
        assertThat(view.version()).isEqualTo(1);
        assertThat(view.representative()).isNull();
        assertThat(view.personalDataErased()).isTrue();

        projection.reset();
        assertThatThrownBy(() -> queries.view("e-caftan", null, null)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void statusAndANewSupervisorShowInTheView() {
        register("e-caftan", "MA-07");
        deliver("e-caftan", 1, 9, new EnterpriseFlaggedNonCompliant("e-caftan", "a-fatima", "MA-07",
                EnterpriseFlaggedNonCompliant.SUPERVISING_ARTISAN_STRUCK_OFF));
        deliver("e-caftan", 2, 10, new EnterpriseSupervisingArtisanChanged("e-caftan", "a-fatima", "a-amina", true,
                null));
        deliver("e-caftan", 3, 11, new EnterpriseSuspended("e-caftan", recordedInClear("e-caftan", "audit")));
        deliver("e-caftan", 2, 10, new EnterpriseSupervisingArtisanChanged("e-caftan", "a-fatima", "a-other", true,
                null));

        Acting.as("auditor", "AUDITOR", null);
        EnterpriseView suspended = queries.view("e-caftan", null, null);
        assertThat(suspended.status()).isEqualTo(ArtisanStatus.SUSPENDED);
        assertThat(suspended.supervisingArtisanId()).as("a redelivery changes nothing").isEqualTo("a-amina");
        assertThat(suspended.compliant()).isTrue();
        assertThat(suspended.nonComplianceCause()).isNull();
        assertThat(suspended.version()).isEqualTo(3);
        assertThat(suspended.position()).isEqualTo(11);

        deliver("e-caftan", 4, 12, new EnterpriseReinstated("e-caftan", null));
        assertThat(queries.view("e-caftan", null, null).status()).isEqualTo(ArtisanStatus.ACTIVE);
        deliver("e-caftan", 5, 13, new EnterpriseStruckOff("e-caftan", null));
        assertThat(queries.view("e-caftan", null, null).status()).isEqualTo(ArtisanStatus.STRUCK_OFF);
    }

    @Test
    void anAmendmentShowsInTheView_andKeepsTheSupervisorAndTheFlag() {
        register("e-caftan", "MA-07");
        deliver("e-caftan", 1, 9, new EnterpriseFlaggedNonCompliant("e-caftan", "a-fatima", "MA-07",
                EnterpriseFlaggedNonCompliant.SUPERVISING_ARTISAN_STRUCK_OFF));
        deliver("e-caftan", 2, 10, new EnterpriseDetailsAmended("e-caftan", List.of("name", "activityCodes"),
                new LocalizedText("قفاطين مراكش", "Caftans de Marrakech"), List.of("B02-003"), List.of("B02"),
                "2021-provisional-1", null));

        Acting.as("auditor", "AUDITOR", null);
        EnterpriseView amended = queries.view("e-caftan", null, null);
        assertThat(amended.name().fr()).isEqualTo("Caftans de Marrakech");
        assertThat(amended.activityCodes()).containsExactly("B02-003");
        assertThat(amended.branchCodes()).containsExactly("B02");
        assertThat(amended.representative().address()).isEqualTo("Derb 12");
        assertThat(amended.supervisingArtisanId()).isEqualTo("a-fatima");
        assertThat(amended.compliant()).isFalse();
        assertThat(amended.version()).isEqualTo(2);
    }

    private void register(String enterpriseId, String region) {
        PersonalData representative = new PersonalData("EE123456", new LocalizedText("فاطمة", "Fatima"),
                new LocalizedText("الزهراء", "Zahra"), LocalDate.parse("1984-03-02"), "+212612345678", "Derb 12");
        deliver(enterpriseId, 0, 7, new EnterpriseRegistered(enterpriseId, "NIA-" + enterpriseId,
                new LocalizedText("قفاطين", "Caftans " + enterpriseId), "MA-MAR", region,
                List.of("B01-001", "B02-003"), List.of("B01", "B02"), "2021-provisional-1", "a-fatima", Gender.F,
                vault.seal(enterpriseId, representative)));
    }

    private void deliver(String enterpriseId, long sequence, long position, Object payload) {
        try {
            handler.handle(new GenericDomainEventMessage<>("Enterprise", enterpriseId, sequence, payload,
                    Map.of("globalPosition", position), UUID.randomUUID().toString(), T0));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
