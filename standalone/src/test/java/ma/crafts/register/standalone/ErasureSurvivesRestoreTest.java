package ma.crafts.register.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import ma.crafts.register.platform.PlatformProperties.EmbeddedBackend;
import ma.crafts.register.platform.idempotency.IdempotencyKeyStore;
import ma.crafts.register.platform.mongo.EmbeddedMongoServer;
import ma.crafts.register.platform.privacy.PersonalDataVault;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A restore from a backup taken before an erasure, as deploy/README.md "Backups" has an operator do it: the register
 * stopped, every collection of its database put back wholesale, the event store from a backup at least as recent as
 * the erasure (an erasure the restored events do not record is not known, and must be made again). The start that
 * follows erases the key again before serving, with the CIN reservation and the stored idempotent responses, and the
 * views, put back as they were before the erasure too, catch up with it.
 */
class ErasureSurvivesRestoreTest {
    /** The event store (deploy/README.md "Backups"): the record, restored from the backup taken after the erasure. */
    private static final Set<String> EVENT_STORE = Set.of("commits", "snapshots", "counters");
    private static final String RESERVATIONS = "cin_reservations";
    private static final String ID_INDEX = "_id_";
    /** Longer than a token claim the stopped register held when the backup was taken takes to time out. */
    private static final Duration CATCH_UP = Duration.ofSeconds(60);

    @TempDir
    Path home;

    @Test
    void aRestartAfterRestoringEveryCollectionFromBeforeTheErasure_erasesTheActorAgain() {
        String artisanId;
        long erasedAt;
        String idempotencyKey = "restore-test-registration";
        Map<String, Dumped> beforeErasure;
        try (ConfigurableApplicationContext register = RegisterOnDisk.start(home)) {
            Api api = new Api(SecondProcess.port(register));
            String clerk = api.token("restore-clerk", List.of("CHAMBER_CLERK"), "MA-07");
            String admin = api.token("restore-admin", List.of("REGISTRY_ADMIN"), null);
            String activity = api.get("/api/v1/reference/activities", clerk).body().get("activities").get(0)
                    .get("code").asText();
            Api.Reply registered = api.send("POST", "/api/v1/artisans", clerk,
                    Api.artisan(RegisterFixtures.freshCin(), "MA-SAF", activity),
                    Map.of("Idempotency-Key", idempotencyKey));
            assertThat(registered.status()).as(String.valueOf(registered.body())).isEqualTo(201);
            artisanId = registered.body().get("artisanId").asText();
            assertThat(api.getAfter("/api/v1/artisans/" + artisanId, registered, clerk).status()).isEqualTo(200);

            MongoDatabase database = register.getBean(MongoDatabase.class);
            beforeErasure = backup(database);
            assertThat(beforeErasure.get(PersonalDataVault.COLLECTION).documents()).as("the backup holds the key")
                    .anySatisfy(key -> assertThat(key.getString("_id").getValue()).isEqualTo(artisanId));
            assertThat(beforeErasure.get(RESERVATIONS).documents()).as("and the CIN reservation")
                    .anySatisfy(reservation -> assertThat(reservation.getString("artisanId").getValue())
                            .isEqualTo(artisanId));

            Api.Reply erased = api.send("DELETE", "/api/v1/artisans/" + artisanId + "/personal-data", admin,
                    RegisterFixtures.ERASURE);
            assertThat(erased.status()).as(String.valueOf(erased.body())).isEqualTo(200);
            erasedAt = erased.body().get("position").asLong();
        }

        onTheStoppedStore(database -> {
            Map<String, Dumped> afterErasure = backup(database);
            restore(database, beforeErasure, afterErasure);
            assertThat(key(database, artisanId)).as("the restore brought the erased key back")
                    .containsKey("wrappedKey");
            assertThat(reservationsOf(database, artisanId)).hasSize(1);
            assertThat(idempotencyRecordsNaming(database, artisanId)).isNotEmpty();
        });

        try (ConfigurableApplicationContext restarted = RegisterOnDisk.start(home)) {
            MongoDatabase database = restarted.getBean(MongoDatabase.class);
            assertThat(key(database, artisanId)).as("erased again at start-up, before serving")
                    .containsKey("erasedAt").doesNotContainKey("wrappedKey");
            assertThat(reservationsOf(database, artisanId)).as("the CIN's fingerprint gone again").isEmpty();
            assertThat(idempotencyRecordsNaming(database, artisanId)).isEmpty();

            Api api = new Api(SecondProcess.port(restarted));
            String auditor = api.token("restore-auditor", List.of("AUDITOR"), null);
            JsonNode view = whenApplied(api, "/api/v1/artisans/" + artisanId + "?minPosition=" + erasedAt, auditor);
            assertThat(view.get("personalDataErased").asBoolean()).as(view.toString()).isTrue();
            assertThat(view.get("firstName").isNull()).isTrue();
            JsonNode history = api.get("/api/v1/artisans/" + artisanId + "/history", auditor).body().get("items");
            assertThat(history.get(0).get("personalDataErased").asBoolean()).isTrue();
            JsonNode chain = api.get("/api/v1/audit/actors/" + artisanId + "/verification", auditor).body();
            assertThat(chain.get("valid").asBoolean()).as(chain.toString()).isTrue();
            assertThat(chain.get("events").asLong()).as("the registration and the erasure").isEqualTo(2);
        }
    }

    /**
     * The views restored from before the erasure are rebuilt from the tokens restored with them, once the claims the
     * stopped register held in the backup have timed out; until then {@code minPosition} answers 503.
     */
    private static JsonNode whenApplied(Api api, String path, String token) {
        Instant giveUp = Instant.now().plus(CATCH_UP);
        Api.Reply reply = api.get(path, token);
        while (reply.status() == 503 && Instant.now().isBefore(giveUp)) {
            reply = api.get(path, token);
        }
        assertThat(reply.status()).as(String.valueOf(reply.body())).isEqualTo(200);
        return reply.body();
    }

    /** The stopped register's data directory, opened by the embedded server alone, as a restore tool would reach it. */
    private void onTheStoppedStore(Consumer<MongoDatabase> work) {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(EmbeddedBackend.H2, 0, RegisterOnDisk.dataDir(home));
             MongoClient client = MongoClients.create(server.connectionString())) {
            work.accept(client.getDatabase("register"));
        }
    }

    /** A collection as a dump holds it: every document, byte for byte, and its indexes but the one on {@code _id}. */
    private record Dumped(List<RawBsonDocument> documents, List<Document> indexes) {
    }

    private static Map<String, Dumped> backup(MongoDatabase database) {
        Map<String, Dumped> backup = new TreeMap<>();
        for (String collection : database.listCollectionNames()) {
            List<Document> indexes = new ArrayList<>();
            database.getCollection(collection).listIndexes().forEach(index -> {
                if (!ID_INDEX.equals(index.getString("name"))) {
                    index.remove("ns");
                    indexes.add(index);
                }
            });
            backup.put(collection, new Dumped(database.getCollection(collection, RawBsonDocument.class).find()
                    .into(new ArrayList<>()), indexes));
        }
        return backup;
    }

    /**
     * Drops every collection and puts each back from its backup: the event store from the one taken after the
     * erasure, everything else (keys, reservations, idempotent responses, views, tokens) from the one before it.
     */
    private static void restore(MongoDatabase database, Map<String, Dumped> older, Map<String, Dumped> newer) {
        for (String collection : database.listCollectionNames().into(new ArrayList<>())) {
            database.getCollection(collection).drop();
        }
        Set<String> collections = new TreeSet<>(older.keySet());
        collections.addAll(newer.keySet());
        for (String collection : collections) {
            Dumped dumped = (EVENT_STORE.contains(collection) ? newer : older).get(collection);
            if (dumped == null) {
                continue;
            }
            database.createCollection(collection);
            if (!dumped.indexes().isEmpty()) {
                database.runCommand(new Document("createIndexes", collection).append("indexes", dumped.indexes()));
            }
            if (!dumped.documents().isEmpty()) {
                database.getCollection(collection, RawBsonDocument.class).insertMany(dumped.documents());
            }
        }
    }

    private static Document key(MongoDatabase database, String artisanId) {
        return database.getCollection(PersonalDataVault.COLLECTION).find(Filters.eq("_id", artisanId)).first();
    }

    private static List<Document> reservationsOf(MongoDatabase database, String artisanId) {
        return database.getCollection(RESERVATIONS).find(Filters.eq("artisanId", artisanId)).into(new ArrayList<>());
    }

    private static List<Document> idempotencyRecordsNaming(MongoDatabase database, String artisanId) {
        return database.getCollection(IdempotencyKeyStore.COLLECTION)
                .find(Filters.or(Filters.regex("location", artisanId), Filters.regex("path", artisanId)))
                .into(new ArrayList<>());
    }
}
