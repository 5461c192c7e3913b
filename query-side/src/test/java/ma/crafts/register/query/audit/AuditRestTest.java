package ma.crafts.register.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ma.crafts.register.eventstore.checkpoint.Checkpoint;
import ma.crafts.register.eventstore.checkpoint.CheckpointArchive;
import ma.crafts.register.eventstore.checkpoint.CheckpointSigner;
import ma.crafts.register.query.QuerySideApplication;
import ma.crafts.register.query.support.HttpApi;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The auditor's verification and checkpoints over HTTP: an untouched store verifies and is sealed; then commit
 * documents are edited by hand, as someone with database access could, and each verification names what changed.
 * The steps run in order on one store.
 */
@SpringBootTest(classes = QuerySideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"register.mongodb.embedded.backend=memory", "register.mongodb.embedded.port=0"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditRestTest {
    private static final Path SCRATCH = ScratchDirectories.create("audit-rest-test");

    @DynamicPropertySource
    static void directories(DynamicPropertyRegistry registry) {
        ScratchDirectories.register(registry, SCRATCH);
    }

    @LocalServerPort
    int port;
    @Autowired
    EventStore eventStore;
    @Autowired
    MongoDatabase database;

    private HttpApi api;
    private String auditor;
    private String analyst;
    private String admin;
    private final String artisan = "a-" + UUID.randomUUID();
    private final String cooperative = "c-" + UUID.randomUUID();

    @BeforeAll
    void record() {
        api = new HttpApi(port);
        auditor = api.token("auditor-1", List.of("AUDITOR"), null);
        analyst = api.token("analyst-1", List.of("MINISTRY_ANALYST"), null);
        admin = api.token("admin-1", List.of("REGISTRY_ADMIN"), null);
        for (int sequence = 0; sequence < 3; sequence++) {
            append("Artisan", artisan, sequence);
            append("Cooperative", cooperative, sequence);
        }
    }

    @Test
    @Order(1)
    void anUntouchedActor_verifies() {
        HttpApi.Response verified = api.get("/api/v1/audit/actors/" + artisan + "/verification", auditor);
        assertThat(verified.status()).isEqualTo(200);
        assertThat(verified.body().get("valid").asBoolean()).isTrue();
        assertThat(verified.body().get("events").asLong()).isEqualTo(3);
        assertThat(verified.body().get("headHash").asText()).matches("[0-9a-f]{64}");
        assertThat(verified.body().get("firstBrokenLink").isNull()).isTrue();

        assertThat(api.get("/api/v1/audit/actors/" + artisan + "/verification", analyst).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/audit/actors/nobody/verification", auditor).status()).isEqualTo(404);
    }

    @Test
    @Order(2)
    void aCheckpoint_isSealedSignedAndKeptInItsOwnDirectory() throws IOException {
        assertThat(api.post("/api/v1/audit/checkpoints", analyst).status()).isEqualTo(403);
        HttpApi.Response sealed = api.post("/api/v1/audit/checkpoints", admin);
        assertThat(sealed.status()).isEqualTo(201);
        String location = sealed.header("Location");
        assertThat(location).isEqualTo("/api/v1/audit/checkpoints/" + sealed.body().get("id").asLong());

        HttpApi.Response listed = api.get("/api/v1/audit/checkpoints", auditor);
        assertThat(listed.body().get("items")).hasSize(1);
        assertThat(listed.body().get("items").get(0).get("previous").asText()).as("the first of the series")
                .isEqualTo(Checkpoint.FIRST);
        assertThat(listed.body().get("chainBreak").isNull()).isTrue();
        String publicKey = listed.body().get("publicKey").asText();
        HttpApi.Response file = api.get(location, auditor);
        assertThat(file.header("Content-Disposition")).contains("checkpoint-1.json");
        Checkpoint checkpoint = new ObjectMapper().readValue(file.raw().body(), Checkpoint.class);
        assertThat(CheckpointSigner.holds(checkpoint, publicKey)).isTrue();
        assertThat(checkpoint.heads()).extracting(head -> head.aggregateId()).contains(artisan, cooperative);

        assertThat(SCRATCH.resolve(ScratchDirectories.KEYS).resolve(AuditConfiguration.SIGNING_KEY_FILE)).exists();
        assertThat(CheckpointArchive.readFile(SCRATCH.resolve(ScratchDirectories.CHECKPOINTS).resolve("checkpoint-1.json")))
                .as("the sealing node's copy outside the database").isEqualTo(checkpoint);
        assertThat(api.get("/api/v1/audit/checkpoints/x", auditor).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/audit/checkpoints/999", auditor).status()).isEqualTo(404);
    }

    @Test
    @Order(3)
    void aModifiedEvent_isNamedByTheActorsVerificationAndTheStoresVerification() {
        commits().updateOne(Filters.eq("streamKeys", cooperative + "#1"), Updates.set("events.0.payload.number", 99));
        JsonNode actor = api.get("/api/v1/audit/actors/" + cooperative + "/verification", auditor).body();
        assertThat(actor.get("valid").asBoolean()).isFalse();
        assertThat(actor.get("firstBrokenLink").get("kind").asText()).isEqualTo("MODIFIED");
        assertThat(actor.get("firstBrokenLink").get("sequence").asLong()).isEqualTo(1);

        JsonNode store = finished(api.post("/api/v1/audit/verifications", auditor, Map.of()));
        assertThat(store.get("status").asText()).isEqualTo("BROKEN");
        assertThat(store.get("firstBrokenLink").get("actorId").asText()).isEqualTo(cooperative);
        assertThat(api.post("/api/v1/audit/checkpoints", auditor).status()).as("a broken store is not sealed")
                .isEqualTo(409);
    }

    @Test
    @Order(4)
    void theLatestCommitOfAStream_removed_isNamedAgainstTheCheckpoint() {
        commits().deleteOne(Filters.eq("streamKeys", artisan + "#2"));
        JsonNode actor = api.get("/api/v1/audit/actors/" + artisan + "/verification", auditor).body();
        assertThat(actor.get("valid").asBoolean()).isFalse();
        assertThat(actor.get("checkpointId").asLong()).isEqualTo(1);
        assertThat(actor.get("firstBrokenLink").get("kind").asText()).isEqualTo("HEAD_CHANGED");

        JsonNode store = finished(api.post("/api/v1/audit/verifications", auditor, Map.of("checkpointId", 1)));
        assertThat(store.get("signatureHolds").asBoolean()).isTrue();
        assertThat(store.get("breaks").findValuesAsText("kind")).contains("HEAD_CHANGED", "MODIFIED");
        assertThat(api.post("/api/v1/audit/verifications", auditor, Map.of("checkpointId", 7)).status()).isEqualTo(404);
    }

    private JsonNode finished(HttpApi.Response started) {
        assertThat(started.status()).isEqualTo(202);
        String location = started.header("Location");
        assertThat(location).startsWith("/api/v1/audit/verifications/");
        Instant giveUp = Instant.now().plus(Duration.ofSeconds(20));
        JsonNode progress = api.get(location, auditor).body();
        while (progress.get("status").asText().equals("RUNNING") && Instant.now().isBefore(giveUp)) {
            Thread.onSpinWait();
            progress = api.get(location, auditor).body();
        }
        return progress;
    }

    private MongoCollection<Document> commits() {
        return database.getCollection("commits");
    }

    private void append(String type, String id, int sequence) {
        eventStore.publish(new GenericDomainEventMessage<>(type, id, sequence, new AuditedStore.Recorded(id, sequence),
                Map.of("recordedBy", "clerk-07", "chamber", "MA-07"), UUID.randomUUID().toString(),
                Instant.parse("2026-01-0" + (sequence + 1) + "T09:00:00Z")));
    }
}
