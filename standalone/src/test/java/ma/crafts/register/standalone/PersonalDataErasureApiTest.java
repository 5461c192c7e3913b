package ma.crafts.register.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ma.crafts.register.eventstore.HashChain;
import ma.crafts.register.eventstore.MongoEventStorageEngine;
import ma.crafts.register.platform.idempotency.IdempotencyKeyStore;
import ma.crafts.register.platform.privacy.PersonalDataVault;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Erasure over the API (Law 09-08): the registry administrator's request is recorded as an event, the key, the CIN
 * reservation and the stored idempotent responses go, the view and the history show the actor erased while the hash
 * chain holds (the erasure's own changes show the data going away without showing it), the erased data can no longer
 * be amended. A restore from a backup taken before the erasure: {@link ErasureSurvivesRestoreTest}.
 */
@SharedRegisterContext
class PersonalDataErasureApiTest {

    private static final String RESERVATIONS = "cin_reservations";

    @LocalServerPort
    int port;
    @Autowired
    MongoDatabase database;
    @Autowired
    MongoEventStorageEngine storageEngine;

    private Api api;
    private RegisterFixtures fixtures;
    private String clerk;
    private String auditor;
    private String admin;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        fixtures = RegisterFixtures.of(port);
        clerk = api.token("erasure-clerk", List.of("CHAMBER_CLERK"), RegisterFixtures.OWN_REGION);
        auditor = api.token("erasure-auditor", List.of("AUDITOR"), null);
        admin = api.token("erasure-admin", List.of("REGISTRY_ADMIN"), null);
    }

    private String register(String cin, String idempotencyKey) {
        Api.Reply registered = api.send("POST", "/api/v1/artisans", clerk,
                Api.artisan(cin, RegisterFixtures.PROVINCE, fixtures.activityCode),
                Map.of("Idempotency-Key", idempotencyKey));
        assertThat(registered.status()).as(String.valueOf(registered.body())).isEqualTo(201);
        return registered.body().get("artisanId").asText();
    }

    private Document snapshotOf(String actorId) {
        return database.getCollection("snapshots").find(Filters.eq("_id", actorId)).first();
    }

    private Api.Reply erase(String path, String token, Object body) {
        return api.send("DELETE", path, token, body);
    }

    @Test
    void theAdministratorsErasureIsRecordedAndLeavesNothingThatOpensOrNamesThePerson() {
        String cin = RegisterFixtures.freshCin();
        String key = "erasure-" + UUID.randomUUID();
        String artisanId = register(cin, key);
        String path = "/api/v1/artisans/" + artisanId + "/personal-data";
        assertThat(reservationsOf(artisanId)).hasSize(1);
        assertThat(api.get("/api/v1/artisans/" + artisanId + "/history", auditor).status()).isEqualTo(200);
        JsonNode historyReads = api.get("/api/v1/audit/personal-data-reads?actorId=" + artisanId
                + "&subject=erasure-auditor", auditor).body();
        assertThat(historyReads.get("total").asLong()).as("one history response, one read").isEqualTo(1);
        assertThat(historyReads.get("items").get(0).get("fields").toString()).contains("firstName", "cin");
        assertThat(idempotencyRecordsNaming(artisanId)).isNotEmpty();
        // As a snapshot taken before the registered diploma reference was sealed holds it: in clear.
        storageEngine.storeSnapshot(new GenericDomainEventMessage<>("Artisan", artisanId, 0,
                Map.of("qualification", Map.of("diplomaRef", "DIP-2004-7781"))));
        assertThat(snapshotOf(artisanId)).isNotNull();

        assertThat(erase(path, admin, null).status()).as("no body").isEqualTo(400);
        Api.Reply onlyReason = erase(path, admin, Map.of("reason", "request"));
        assertThat(onlyReason.status()).isEqualTo(400);
        assertThat(onlyReason.body().toString()).contains("legalBasis");
        assertThat(erase(path, admin, Map.of("reason", " ", "legalBasis", "Loi 09-08")).status()).isEqualTo(400);
        assertThat(erase(path, clerk, RegisterFixtures.ERASURE).status()).isEqualTo(403);
        assertThat(erase(path, auditor, RegisterFixtures.ERASURE).status()).isEqualTo(403);
        assertThat(erase("/api/v1/artisans/no-such-artisan/personal-data", admin, RegisterFixtures.ERASURE).status())
                .isEqualTo(404);
        assertThat(storedTypes(artisanId)).as("a refused erasure stores nothing").doesNotContain("PersonalDataErased");
        assertThat(reservationsOf(artisanId)).hasSize(1);

        Api.Reply erased = erase(path, admin, RegisterFixtures.ERASURE);
        assertThat(erased.status()).as(String.valueOf(erased.body())).isEqualTo(200);
        assertThat(erased.body().get("personalDataErased").asBoolean()).isTrue();
        long position = erased.body().get("position").asLong();

        assertThat(storedTypes(artisanId)).containsExactly("ArtisanRegistered", "PersonalDataErased");
        HashChain.Verification chain = storageEngine.verifyStream(artisanId);
        assertThat(chain.intact()).as(String.valueOf(chain.problems())).isTrue();
        Document key1 = database.getCollection(PersonalDataVault.COLLECTION).find(Filters.eq("_id", artisanId)).first();
        assertThat(key1).containsKey("erasedAt").doesNotContainKey("wrappedKey");
        assertThat(reservationsOf(artisanId)).as("the CIN's fingerprint is gone").isEmpty();
        assertThat(snapshotOf(artisanId)).as("the aggregate's snapshot is gone").isNull();
        assertThat(idempotencyRecordsNaming(artisanId)).isEmpty();

        JsonNode view = api.get("/api/v1/artisans/" + artisanId + "?minPosition=" + position, auditor).body();
        assertThat(view.get("personalDataErased").asBoolean()).isTrue();
        assertThat(view.get("firstName").isNull()).isTrue();
        JsonNode history = api.get("/api/v1/artisans/" + artisanId + "/history", auditor).body().get("items");
        assertThat(history.get(0).get("personalDataErased").asBoolean()).isTrue();
        JsonNode erasures = api.get("/api/v1/artisans/" + artisanId + "/history?type=PersonalDataErased", auditor)
                .body().get("items");
        assertThat(erasures).hasSize(1);
        JsonNode erasure = erasures.get(0);
        assertThat(erasure.get("changes").toString()).as("the data goes, unseen")
                .isEqualTo("[{\"field\":\"personalData\",\"before\":\"***\",\"after\":null}]");
        assertThat(erasure.get("recordedBy").asText()).isEqualTo("erasure-admin");
        assertThat(erasure.get("payload").get("legalBasis").asText()).isEqualTo("Loi 09-08, art. 8");

        Api.Reply again = erase(path, admin, RegisterFixtures.ERASURE);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().get("detail").asText()).contains("already erased");
        assertThat(api.send("POST", "/api/v1/artisans", clerk,
                Api.artisan(cin, RegisterFixtures.PROVINCE, fixtures.activityCode), Map.of("Idempotency-Key", key))
                .status()).as("the key and the CIN are free again: a new registration, not a replay").isEqualTo(201);
    }

    @Test
    void cooperativesAndEnterprisesAreErasedTheSameWay() {
        JsonNode cooperative = api.get("/api/v1/cooperatives/" + fixtures.erasedCooperative, auditor).body();
        assertThat(cooperative.get("personalDataErased").asBoolean()).isTrue();
        assertThat(cooperative.get("representative").isNull()).isTrue();
        JsonNode enterprise = api.get("/api/v1/enterprises/" + fixtures.erasedEnterprise, auditor).body();
        assertThat(enterprise.get("personalDataErased").asBoolean()).isTrue();
        JsonNode erasure = api.get("/api/v1/cooperatives/" + fixtures.erasedCooperative
                + "/history?type=PersonalDataErased", auditor).body().get("items");
        assertThat(erasure).hasSize(1);
        assertThat(erasure.get(0).get("changes").toString()).isEqualTo(
                "[{\"field\":\"registration.representative\",\"before\":\"***\",\"after\":null}]");
        assertThat(storageEngine.verifyStream(fixtures.erasedEnterprise).intact()).isTrue();
        Api.Reply amended = api.post("/api/v1/enterprises/" + fixtures.erasedEnterprise + "/amendments", clerk,
                Map.of("phone", "+212661234569"));
        assertThat(amended.status()).as("the representative's erased data cannot be amended").isEqualTo(409);
        assertThat(amended.body().get("rule").asText()).isEqualTo("personal-data-erased");
        assertThat(storedTypes(fixtures.erasedEnterprise)).last().isEqualTo("PersonalDataErased");
        assertThat(erase("/api/v1/cooperatives/" + fixtures.cooperative + "/personal-data", admin,
                Map.of("legalBasis", "Loi 09-08")).status()).as("no reason").isEqualTo(400);
    }

    private List<Document> reservationsOf(String artisanId) {
        return database.getCollection(RESERVATIONS).find(Filters.eq("artisanId", artisanId)).into(new ArrayList<>());
    }

    private List<Document> idempotencyRecordsNaming(String artisanId) {
        MongoCollection<Document> records = database.getCollection(IdempotencyKeyStore.COLLECTION);
        return records.find(Filters.or(Filters.regex("location", artisanId), Filters.regex("path", artisanId)))
                .into(new ArrayList<>());
    }

    private List<String> storedTypes(String artisanId) {
        List<String> types = new ArrayList<>();
        storageEngine.readEvents(artisanId).asStream().forEach(e -> types.add(e.getPayloadType().getSimpleName()));
        return types;
    }
}
