package ma.crafts.register.query.body;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ma.crafts.register.events.artisan.ArtisanJoinedProfessionalBody;
import ma.crafts.register.events.artisan.ProfessionalBodyMembershipEnded;
import ma.crafts.register.events.body.ProfessionalBodyAffiliated;
import ma.crafts.register.events.body.ProfessionalBodyConstituted;
import ma.crafts.register.query.body.mongo.BodyRepository;
import ma.crafts.register.query.support.InMemoryMongo;
import ma.crafts.register.values.BodyLevel;
import ma.crafts.register.values.LocalizedText;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.bson.BsonDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bodies' read model on an embedded MongoDB, fed as the tracking processor feeds it: bodies, their hierarchy and
 * their members, in any order between the streams, delivered again after a failure, and read by {@code _id} only.
 */
class BodyProjectionTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final String PROVINCIAL = "body-b01-mar";
    private static final String REGIONAL = "body-b01-07";
    private static final String NATIONAL = "body-b01-ma";

    private InMemoryMongo mongo;
    private BodyRepository repository;
    private BodyProjection projection;
    private AnnotationEventHandlerAdapter handler;

    @BeforeEach
    void setUp() {
        mongo = new InMemoryMongo();
        repository = new BodyRepository(mongo.database());
        projection = new BodyProjection(repository);
        handler = new AnnotationEventHandlerAdapter(projection);
    }

    @AfterEach
    void tearDown() {
        mongo.close();
    }

    @Test
    void aBodyKnowsItsParentAndChildrenAndIsFoundByBranchAndTerritory() {
        constitute(NATIONAL, BodyLevel.NATIONAL, "MA", null, 1);
        constitute(REGIONAL, BodyLevel.REGIONAL, "MA-07", "MA-07", 2);
        constitute(PROVINCIAL, BodyLevel.PROVINCIAL, "MA-MAR", "MA-07", 3);
        deliver(PROVINCIAL, 1, 4, new ProfessionalBodyAffiliated(PROVINCIAL, BodyLevel.PROVINCIAL, REGIONAL,
                BodyLevel.REGIONAL, "B01"));
        deliver(REGIONAL, 1, 5, new ProfessionalBodyAffiliated(REGIONAL, BodyLevel.REGIONAL, NATIONAL,
                BodyLevel.NATIONAL, "B01"));

        BodyRecord provincial = repository.find(PROVINCIAL).orElseThrow();
        assertThat(provincial.level()).isEqualTo(BodyLevel.PROVINCIAL);
        assertThat(provincial.name().ar()).isEqualTo("هيئة " + PROVINCIAL);
        assertThat(provincial.parentBodyId()).isEqualTo(REGIONAL);
        assertThat(provincial.version()).isEqualTo(1);
        BodyRecord regional = repository.find(REGIONAL).orElseThrow();
        assertThat(regional.parentBodyId()).isEqualTo(NATIONAL);
        assertThat(regional.childBodyIds()).containsExactly(PROVINCIAL);
        assertThat(repository.find(NATIONAL).orElseThrow().childBodyIds()).containsExactly(REGIONAL);
        assertThat(repository.find(NATIONAL).orElseThrow().regionCode()).isNull();

        assertThat(repository.findByBranchAndTerritory("B01", "MA-MAR")).map(BodyRecord::bodyId).contains(PROVINCIAL);
        assertThat(repository.findByBranchAndTerritory("B01", "MA")).map(BodyRecord::bodyId).contains(NATIONAL);
        assertThat(repository.findByBranchAndTerritory("B02", "MA-MAR")).isEmpty();
        assertThat(repository.find("unknown")).isEmpty();
    }

    @Test
    void anAffiliationSeenBeforeTheParentsConstitutionStillPlacesBoth() {
        constitute(PROVINCIAL, BodyLevel.PROVINCIAL, "MA-MAR", "MA-07", 3);
        deliver(PROVINCIAL, 1, 4, new ProfessionalBodyAffiliated(PROVINCIAL, BodyLevel.PROVINCIAL, REGIONAL,
                BodyLevel.REGIONAL, "B01"));
        assertThat(repository.find(REGIONAL)).as("children alone do not make a body").isEmpty();

        constitute(REGIONAL, BodyLevel.REGIONAL, "MA-07", "MA-07", 2);

        assertThat(repository.find(REGIONAL).orElseThrow().childBodyIds()).containsExactly(PROVINCIAL);
    }

    @Test
    void membersArePagedInJoinOrderAcrossBuckets() {
        constitute(PROVINCIAL, BodyLevel.PROVINCIAL, "MA-MAR", "MA-07", 1);
        List<String> joined = new ArrayList<>();
        // 30 members joining 350 positions apart: about three in each bucket of 1024 positions.
        for (int i = 0; i < 30; i++) {
            String artisanId = String.format("a.%02d", i);
            join(artisanId, 1000 + i * 350L);
            joined.add(artisanId);
        }

        assertThat(repository.find(PROVINCIAL).orElseThrow().memberCount()).isEqualTo(30);
        List<String> all = new ArrayList<>();
        for (int page = 0; page < 4; page++) {
            repository.members(PROVINCIAL, page * 8L, 8).forEach(m -> all.add(m.artisanId()));
        }
        assertThat(all).containsExactlyElementsOf(joined);
        assertThat(repository.members(PROVINCIAL, 0, 1).get(0).since()).isEqualTo(LocalDate.parse("2026-03-01"));
        assertThat(repository.members(PROVINCIAL, 30, 10)).isEmpty();

        leave("a.05", 20_000);
        leave("a.06", 20_001);

        assertThat(repository.find(PROVINCIAL).orElseThrow().memberCount()).isEqualTo(28);
        assertThat(repository.members(PROVINCIAL, 4, 3)).extracting(BodyMember::artisanId)
                .containsExactly("a.04", "a.07", "a.08");
        assertThat(mongo.commands()).as("every read and write addresses documents by _id")
                .allSatisfy(command -> assertThat(filtersOnIdOnly(command)).isTrue());
    }

    @Test
    void eventsDeliveredAgainChangeNothing() {
        constitute(PROVINCIAL, BodyLevel.PROVINCIAL, "MA-MAR", "MA-07", 1);
        join("a-1", 10);
        join("a-2", 2000);
        join("a-1", 10);
        join("a-2", 2000);
        leave("a-1", 3000);
        leave("a-1", 3000);
        constitute(PROVINCIAL, BodyLevel.PROVINCIAL, "MA-MAR", "MA-07", 1);

        assertThat(repository.find(PROVINCIAL).orElseThrow().memberCount()).isEqualTo(1);
        assertThat(repository.members(PROVINCIAL, 0, 20)).extracting(BodyMember::artisanId).containsExactly("a-2");

        join("a-1", 4000);
        assertThat(repository.members(PROVINCIAL, 0, 20)).as("a member who left may join again, placed anew")
                .extracting(BodyMember::artisanId).containsExactly("a-2", "a-1");
    }

    @Test
    void membersSeenBeforeTheBodysConstitutionAreKept() {
        join("a-1", 5);
        assertThat(repository.find(PROVINCIAL)).isEmpty();

        constitute(PROVINCIAL, BodyLevel.PROVINCIAL, "MA-MAR", "MA-07", 6);

        assertThat(repository.find(PROVINCIAL).orElseThrow().memberCount()).isEqualTo(1);
        assertThat(repository.find(PROVINCIAL).orElseThrow().position()).isEqualTo(6);
    }

    @Test
    void resetForgetsEverything() {
        constitute(PROVINCIAL, BodyLevel.PROVINCIAL, "MA-MAR", "MA-07", 1);
        join("a-1", 2);

        projection.reset();

        assertThat(repository.find(PROVINCIAL)).isEmpty();
        assertThat(repository.findByBranchAndTerritory("B01", "MA-MAR")).isEmpty();
        assertThat(repository.members(PROVINCIAL, 0, 20)).isEmpty();
    }

    private static boolean filtersOnIdOnly(BsonDocument command) {
        for (String key : List.of("filter", "q")) {
            if (command.containsKey(key)) {
                return command.getDocument(key).keySet().stream().allMatch("_id"::equals);
            }
        }
        for (String key : List.of("updates", "deletes")) {
            if (command.containsKey(key)) {
                return command.getArray(key).stream()
                        .allMatch(u -> u.asDocument().getDocument("q").keySet().stream().allMatch("_id"::equals));
            }
        }
        return true;
    }

    private void constitute(String bodyId, BodyLevel level, String territory, String region, long position) {
        deliver(bodyId, 0, position, new ProfessionalBodyConstituted(bodyId, level, "B01", territory, region,
                new LocalizedText("هيئة " + bodyId, "Chambre " + bodyId)));
    }

    private void join(String artisanId, long position) {
        deliver(artisanId, 1, position, new ArtisanJoinedProfessionalBody(artisanId, PROVINCIAL, "B01",
                LocalDate.parse("2026-03-01")));
    }

    private void leave(String artisanId, long position) {
        deliver(artisanId, 2, position, new ProfessionalBodyMembershipEnded(artisanId, PROVINCIAL, "B01",
                LocalDate.parse("2026-03-01"), LocalDate.parse("2026-04-01"),
                ProfessionalBodyMembershipEnded.Cause.LEFT, null));
    }

    private void deliver(String aggregateId, long sequence, long position, Object payload) {
        EventMessage<?> message = new GenericDomainEventMessage<>("Aggregate", aggregateId, sequence, payload,
                Map.of("globalPosition", position), UUID.randomUUID().toString(), T0);
        try {
            handler.handle(message);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
