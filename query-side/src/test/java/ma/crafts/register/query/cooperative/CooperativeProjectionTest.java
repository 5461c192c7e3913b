package ma.crafts.register.query.cooperative;

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
import ma.crafts.register.events.cooperative.CooperativeDetailsAmended;
import ma.crafts.register.events.cooperative.CooperativeRegistered;
import ma.crafts.register.events.cooperative.CooperativeReinstated;
import ma.crafts.register.events.cooperative.CooperativeStruckOff;
import ma.crafts.register.events.cooperative.CooperativeSuspended;
import ma.crafts.register.platform.privacy.MasterKey;
import ma.crafts.register.platform.privacy.PersonalDataVault;
import ma.crafts.register.platform.security.CurrentActor;
import ma.crafts.register.query.ActorReads;
import ma.crafts.register.query.ProjectionFreshness;
import ma.crafts.register.query.ReadAccess;
import ma.crafts.register.query.readlog.PersonalDataReadLog;
import ma.crafts.register.query.readlog.mongo.ReadLogRecords;
import ma.crafts.register.query.cooperative.mongo.CooperativeRepository;
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

/** The cooperative view on an embedded MongoDB, fed as the processor feeds it and read as each role reads it. */
class CooperativeProjectionTest {

    private InMemoryMongo mongo;
    private PersonalDataVault vault;
    private CooperativeProjection projection;
    private CooperativeQueries queries;
    private AnnotationEventHandlerAdapter handler;

    @BeforeEach
    void setUp() {
        mongo = new InMemoryMongo();
        vault = new PersonalDataVault(mongo.database(), MasterKey.random(), 16, Duration.ofMinutes(1));
        CooperativeRepository repository = new CooperativeRepository(mongo.database());
        projection = new CooperativeProjection(repository);
        handler = new AnnotationEventHandlerAdapter(projection);
        queries = new CooperativeQueries(repository, new ActorReads(vault, new ReadAccess(new CurrentActor()),
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
    void aRegistrationDeliveredTwiceIsOneCooperativeReadAsEachRoleMay() {
        register("c-argan");
        register("c-argan");

        Acting.as("auditor", "AUDITOR", null);
        CooperativeView full = queries.view("c-argan", null, null);
        assertThat(full.cooperativeId()).isEqualTo("c-argan");
        assertThat(full.nia()).isEqualTo("NIA-c-argan");
        assertThat(full.name().ar()).isEqualTo("تعاونية الأركان");
        assertThat(full.branchCodes()).containsExactly("B03");
        assertThat(full.representativeGender()).isEqualTo(Gender.F);
        assertThat(full.representative().lastName().ar()).isEqualTo("أيت");
        assertThat(full.representative().birthDate()).isEqualTo(LocalDate.parse("1970-05-05"));
        assertThat(full.representative().address()).isEqualTo("Douar 3, Essaouira");
        assertThat(full.personalDataErased()).isFalse();

        Acting.as("clerk-07", "CHAMBER_CLERK", "MA-07");
        assertThat(queries.view("c-argan", null, null).representative().cin()).isEqualTo("JK2222");
        Acting.as("analyst", "MINISTRY_ANALYST", null);
        assertThat(queries.view("c-argan", null, null).representative().cin()).isNull();
        assertThat(queries.view("c-argan", null, null).representative().lastName().fr()).isEqualTo("A.");
        Acting.as("clerk-04", "CHAMBER_CLERK", "MA-04");
        assertThatThrownBy(() -> queries.view("c-argan", null, null)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> queries.view("c-none", null, null)).isInstanceOf(NotFoundException.class);

        projection.reset();
        Acting.as("auditor", "AUDITOR", null);
        assertThatThrownBy(() -> queries.view("c-argan", null, null)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void theViewShowsTheStatusAndARedeliveryChangesNothing() {
        register("c-argan");
        Acting.as("auditor", "AUDITOR", null);
        assertThat(queries.view("c-argan", null, null).status()).isEqualTo(ArtisanStatus.ACTIVE);
        deliver("c-argan", 1, 5, new CooperativeSuspended("c-argan", null));
        deliver("c-argan", 2, 6, new CooperativeReinstated("c-argan", null));
        deliver("c-argan", 1, 5, new CooperativeSuspended("c-argan", null));
        CooperativeView reinstated = queries.view("c-argan", null, null);
        assertThat(reinstated.status()).isEqualTo(ArtisanStatus.ACTIVE);
        assertThat(reinstated.version()).isEqualTo(2);
        assertThat(reinstated.position()).isEqualTo(6);
        deliver("c-argan", 3, 7, new CooperativeStruckOff("c-argan", recordedInClear("c-argan", "dissolution")));
        assertThat(queries.view("c-argan", null, null).status()).isEqualTo(ArtisanStatus.STRUCK_OFF);
    }

    @Test
    void anAmendmentShowsInTheView_andOnlyWhatItChanged() {
        register("c-argan");
        PersonalData moved = new PersonalData("JK2222", new LocalizedText("زهرة", "Zahra"),
                new LocalizedText("أيت", "Ait"), LocalDate.parse("1970-05-05"), "+212611111111", "Douar 3, Essaouira");
        deliver("c-argan", 1, 5, new CooperativeDetailsAmended("c-argan", List.of("name", "phone"),
                new LocalizedText("تعاونية أركان الصويرة", "Coopérative de l'arganier d'Essaouira"), null, null, null,
                vault.seal("c-argan", moved)));
        deliver("c-argan", 2, 6, new CooperativeDetailsAmended("c-argan", List.of("activityCodes"), null,
                List.of("B04-002", "B03-002"), List.of("B04", "B03"), "2021-provisional-1", null));
        deliver("c-argan", 1, 5, new CooperativeDetailsAmended("c-argan", List.of("name"),
                new LocalizedText("تعاونية", "Redelivered"), null, null, null, null));

        Acting.as("clerk-07", "CHAMBER_CLERK", "MA-07");
        CooperativeView amended = queries.view("c-argan", null, null);
        assertThat(amended.name().fr()).as("a redelivery changes nothing")
                .isEqualTo("Coopérative de l'arganier d'Essaouira");
        assertThat(amended.activityCodes()).containsExactly("B04-002", "B03-002");
        assertThat(amended.branchCodes()).containsExactly("B04", "B03");
        assertThat(amended.representative().phone()).isEqualTo("+212611111111");
        assertThat(amended.representative().cin()).isEqualTo("JK2222");
        assertThat(amended.nia()).isEqualTo("NIA-c-argan");
        assertThat(amended.status()).isEqualTo(ArtisanStatus.ACTIVE);
        assertThat(amended.version()).isEqualTo(2);
        assertThat(amended.position()).isEqualTo(6);
    }

    private void register(String cooperativeId) {
        PersonalData representative = new PersonalData("JK2222", new LocalizedText("زهرة", "Zahra"),
                new LocalizedText("أيت", "Ait"), LocalDate.parse("1970-05-05"), "+212600000000", "Douar 3, Essaouira");
        CooperativeRegistered registered = new CooperativeRegistered(cooperativeId, "NIA-" + cooperativeId,
                new LocalizedText("تعاونية الأركان", "Coopérative de l'arganier"), "MA-ESI", "MA-07",
                List.of("B03-002"), List.of("B03"), "2021-provisional-1", Gender.F,
                vault.seal(cooperativeId, representative));
        deliver(cooperativeId, 0, 3, registered);
    }

    private void deliver(String cooperativeId, long sequence, long position, Object payload) {
        try {
            handler.handle(new GenericDomainEventMessage<>("Cooperative", cooperativeId, sequence, payload,
                    Map.of("globalPosition", position), UUID.randomUUID().toString(),
                    Instant.parse("2026-03-01T10:00:00Z")));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
