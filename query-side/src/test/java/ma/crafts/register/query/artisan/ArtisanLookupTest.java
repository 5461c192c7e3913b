package ma.crafts.register.query.artisan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import ma.crafts.register.errors.ForbiddenException;
import ma.crafts.register.errors.InvalidInputException;
import ma.crafts.register.errors.NotFoundException;
import ma.crafts.register.events.artisan.ArtisanRegistered;
import ma.crafts.register.events.artisan.ArtisanRelocated;
import ma.crafts.register.events.privacy.PersonalDataErased;
import ma.crafts.register.platform.privacy.MasterKey;
import ma.crafts.register.platform.privacy.PersonalDataVault;
import ma.crafts.register.platform.security.CurrentActor;
import ma.crafts.register.query.CallerRateLimit;
import ma.crafts.register.query.ReadAccess;
import ma.crafts.register.query.readlog.PersonalDataRead;
import ma.crafts.register.query.readlog.PersonalDataReadLog;
import ma.crafts.register.query.readlog.mongo.ReadLogRecords;
import ma.crafts.register.query.artisan.mongo.ArtisanLookupRepository;
import ma.crafts.register.query.mongo.ArtisanSearchIndex;
import ma.crafts.register.query.artisan.mongo.ArtisanViewRepository;
import ma.crafts.register.query.support.Acting;
import ma.crafts.register.query.support.InMemoryMongo;
import ma.crafts.register.query.support.TestEvents;
import ma.crafts.register.values.LocalizedText;
import ma.crafts.register.values.PersonalData;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The lookup by CIN or NIA on an embedded MongoDB: what the projection keeps (a keyed fingerprint, never the CIN),
 * who may look up whom, and that a CIN of another region cannot be told from an unknown one.
 */
class ArtisanLookupTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private InMemoryMongo mongo;
    private PersonalDataVault vault;
    private ArtisanLookupProjection projection;
    private ArtisanLookup lookup;
    private ReadLogRecords readLog;
    private AnnotationEventHandlerAdapter lookupHandler;
    private AnnotationEventHandlerAdapter viewHandler;

    @BeforeEach
    void setUp() {
        mongo = new InMemoryMongo();
        vault = new PersonalDataVault(mongo.database(), MasterKey.random(), 16, Duration.ofMinutes(1));
        ArtisanViewRepository views = new ArtisanViewRepository(mongo.database());
        readLog = new ReadLogRecords(mongo.database());
        ArtisanLookupRepository repository = new ArtisanLookupRepository(mongo.database());
        projection = new ArtisanLookupProjection(repository, vault);
        lookupHandler = new AnnotationEventHandlerAdapter(projection);
        viewHandler = new AnnotationEventHandlerAdapter(
                new ArtisanProjection(views, new ArtisanSearchIndex(mongo.database()), new ArtisanFolding()));
        lookup = new ArtisanLookup(repository, views, vault, new ReadAccess(new CurrentActor()),
                new CallerRateLimit(5, Duration.ofMinutes(1)),
                new PersonalDataReadLog(readLog, new CurrentActor(), Clock.systemUTC()));
        register("a-fatima", "EE123456", "MA-MAR", "MA-07", 1);
        register("a-youssef", "AB12345", "MA-RAB", "MA-04", 2);
    }

    @AfterEach
    void tearDown() {
        Acting.nobody();
        mongo.close();
    }

    @Test
    void theCinIsKeptOnlyAsItsKeyedFingerprint() {
        String stored = mongo.database().getCollection(ArtisanLookupRepository.LOOKUP).find()
                .into(new ArrayList<>()).toString();
        assertThat(stored).doesNotContain("EE123456").contains(vault.cinFingerprint("EE123456"))
                .contains("nia:NIA-a-fatima");
    }

    @Test
    void clerksFindTheirRegionsArtisansAndAuditorsFindAll() {
        Acting.as("clerk-07", "CHAMBER_CLERK", "MA-07");
        assertThat(lookup.lookUp(" ee 123456 ", null).artisanId()).as("normalised as on registration")
                .isEqualTo("a-fatima");
        assertThat(lookup.lookUp(null, "NIA-a-fatima").artisanId()).isEqualTo("a-fatima");

        Acting.as("auditor", "AUDITOR", null);
        assertThat(lookup.lookUp("AB12345", null).artisanId()).isEqualTo("a-youssef");
        List<PersonalDataRead> logged = readLog.page(null, null, null, null, 0, 10).items();
        assertThat(logged).as("each CIN lookup that names an artisan, and not the NIA one, is a read of its CIN")
                .extracting(PersonalDataRead::subject, PersonalDataRead::actorId, PersonalDataRead::fields)
                .containsExactly(tuple("auditor", "a-youssef", List.of("cin")),
                        tuple("clerk-07", "a-fatima", List.of("cin")));

        Acting.as("analyst", "MINISTRY_ANALYST", null);
        assertThatThrownBy(() -> lookup.lookUp("AB12345", null)).isInstanceOf(ForbiddenException.class);
        Acting.as("admin", "REGISTRY_ADMIN", null);
        assertThatThrownBy(() -> lookup.lookUp("AB12345", null)).isInstanceOf(ForbiddenException.class);
    }

    @Test
    void anErasedArtisansCinNamesNobodyWhileItsNiaStillFindsTheRecord() {
        vault.erase("a-fatima");
        Acting.as("auditor", "AUDITOR", null);
        assertThat(catchNotFound(() -> lookup.lookUp("EE123456", null)).getMessage()).isEqualTo(ArtisanLookup.NOT_FOUND);
        assertThat(lookup.lookUp(null, "NIA-a-fatima").artisanId()).isEqualTo("a-fatima");
        assertThat(readLog.page(null, null, null, null, 0, 10).total()).as("nothing was shown").isZero();
    }

    @Test
    void anErasureProjectedAfterTheKeyIsGone_deletesTheCinFingerprint_andKeepsTheNia() {
        vault.erase("a-fatima");
        deliver(lookupHandler, TestEvents.message("a-fatima", 1, 3, T0,
                new PersonalDataErased("a-fatima", "demande de la personne", "Loi 09-08, art. 8")));

        String stored = mongo.database().getCollection(ArtisanLookupRepository.LOOKUP).find()
                .into(new ArrayList<>()).toString();
        assertThat(stored).doesNotContain(vault.cinFingerprint("EE123456")).doesNotContain("personal:a-fatima")
                .contains("nia:NIA-a-fatima").contains(vault.cinFingerprint("AB12345"));
        Acting.as("auditor", "AUDITOR", null);
        assertThat(lookup.lookUp(null, "NIA-a-fatima").artisanId()).isEqualTo("a-fatima");
        assertThat(lookup.lookUp("AB12345", null).artisanId()).as("the others keep theirs").isEqualTo("a-youssef");
    }

    @Test
    void anotherRegionsCinIsNotFoundExactlyLikeAnUnknownOne() {
        Acting.as("clerk-07", "CHAMBER_CLERK", "MA-07");
        Throwable otherRegion = catchNotFound(() -> lookup.lookUp("AB12345", null));
        Throwable unknown = catchNotFound(() -> lookup.lookUp("ZZ999999", null));
        assertThat(otherRegion.getMessage()).isEqualTo(unknown.getMessage()).doesNotContain("AB12345");
        assertThat(catchNotFound(() -> lookup.lookUp(null, "NIA-a-youssef")).getMessage())
                .isEqualTo(unknown.getMessage());

        // Region follows the artisan: once Youssef moves to Marrakech-Safi, its clerks find him.
        deliverToView(TestEvents.message("a-youssef", 1, 3, T0, new ArtisanRelocated("a-youssef", "MA-RAB", "MA-04",
                "MA-MAR", "MA-07", vault.seal("a-youssef", person("AB12345")))));
        assertThat(lookup.lookUp("AB12345", null).artisanId()).isEqualTo("a-youssef");
    }

    @Test
    void aRequestNamesExactlyOneWellFormedIdentifierAndCallsAreLimitedPerCaller() {
        Acting.as("clerk-07", "CHAMBER_CLERK", "MA-07");
        assertThatThrownBy(() -> lookup.lookUp(null, null)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> lookup.lookUp("EE123456", "NIA-a-fatima")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> lookup.lookUp("123-not-a-cin", null)).isInstanceOf(InvalidInputException.class)
                .hasMessageNotContaining("123-not-a-cin");
        lookup.lookUp("EE123456", null);
        lookup.lookUp("EE123456", null);
        assertThatThrownBy(() -> lookup.lookUp("EE123456", null))
                .as("the sixth call of the window, bad requests included")
                .isInstanceOf(CallerRateLimit.CallerRateLimitedException.class);

        Acting.as("clerk-07b", "CHAMBER_CLERK", "MA-07");
        assertThat(lookup.lookUp("EE123456", null).artisanId()).as("another caller has its own allowance")
                .isEqualTo("a-fatima");
    }

    private static Throwable catchNotFound(Runnable call) {
        try {
            call.run();
        } catch (NotFoundException e) {
            return e;
        }
        throw new AssertionError("expected 404");
    }

    private void register(String artisanId, String cin, String province, String region, long position) {
        ArtisanRegistered registered = TestEvents.registered(artisanId, province, region, "B01",
                vault.seal(artisanId, person(cin)));
        EventMessage<?> message = TestEvents.message(artisanId, 0, position, T0, registered);
        deliverToView(message);
        deliver(lookupHandler, message);
    }

    private void deliverToView(EventMessage<?> message) {
        deliver(viewHandler, message);
    }

    private static void deliver(AnnotationEventHandlerAdapter handler, EventMessage<?> message) {
        try {
            handler.handle(message);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static PersonalData person(String cin) {
        return new PersonalData(cin, new LocalizedText("فاطمة", "Fatima"), new LocalizedText("الزهراء", "Zahra"),
                LocalDate.parse("1984-03-02"), "+212612345678", "Derb 12");
    }
}
