package ma.crafts.register.platform.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import ma.crafts.register.platform.testapp.Http;
import ma.crafts.register.platform.testapp.Counters;
import ma.crafts.register.platform.testapp.WebTestBase;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class IdempotencyTest extends WebTestBase {
    @Autowired
    Counters controller;
    @Autowired
    MongoDatabase database;
    @Autowired
    IdempotencyKeyStore store;

    private String token;

    @BeforeEach
    void token() {
        token = http.token("clerk-" + UUID.randomUUID(), "MA-07", "CHAMBER_CLERK");
    }

    private static String key() {
        return "key-" + UUID.randomUUID();
    }

    @Test
    void repeatWithSameBodyReplaysFirstResponseWithoutRunningAgain() {
        String key = key();
        int before = controller.counted.get();
        Http.Response first = http.postJson("/api/v1/test/counted", token, "{\"name\":\"فاطمة\"}", "Idempotency-Key", key);
        Http.Response second = http.postJson("/api/v1/test/counted", token, "{\"name\":\"فاطمة\"}", "Idempotency-Key", key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.json().at("/echo/name").asText()).isEqualTo("فاطمة");
        assertThat(second.header("Location")).isEqualTo(first.header("Location"));
        assertThat(second.header("Content-Type")).isEqualTo(first.header("Content-Type"));
        assertThat(controller.counted.get()).isEqualTo(before + 1);
    }

    @Test
    void sameKeyWithDifferentBodyIs422AndRunsNothing() {
        String key = key();
        int before = controller.counted.get();
        assertThat(http.postJson("/api/v1/test/counted", token, "{\"a\":1}", "Idempotency-Key", key).status()).isEqualTo(201);
        Http.Response mismatch = http.postJson("/api/v1/test/counted", token, "{\"a\":2}", "Idempotency-Key", key);
        assertThat(mismatch.status()).isEqualTo(422);
        assertThat(mismatch.header("Content-Type")).startsWith("application/problem+json");
        assertThat(mismatch.json().get("type").asText()).isEqualTo("/problems/idempotency-mismatch");
        assertThat(controller.counted.get()).isEqualTo(before + 1);
    }

    @Test
    void sameKeyOnAnotherPathIs422() {
        String key = key();
        http.postJson("/api/v1/test/counted", token, "{}", "Idempotency-Key", key);
        Http.Response other = http.postJson("/api/v1/test/regions/MA-07/writes", token, "{}", "Idempotency-Key", key);
        assertThat(other.status()).isEqualTo(422);
    }

    @Test
    void keysAreScopedBySubject() {
        String key = key();
        String otherToken = http.token("clerk-" + UUID.randomUUID(), "MA-07", "CHAMBER_CLERK");
        int before = controller.counted.get();
        Http.Response mine = http.postJson("/api/v1/test/counted", token, "{}", "Idempotency-Key", key);
        Http.Response theirs = http.postJson("/api/v1/test/counted", otherToken, "{}", "Idempotency-Key", key);
        assertThat(theirs.header("Idempotent-Replayed")).isNull();
        assertThat(theirs.json().get("n").asInt()).isNotEqualTo(mine.json().get("n").asInt());
        assertThat(controller.counted.get()).isEqualTo(before + 2);
    }

    @Test
    void invalidKeysAre400() {
        for (String bad : List.of("x".repeat(129), "has space", "tab\there", "")) {
            Http.Response response = http.send(http.request("/api/v1/test/counted")
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", bad)
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
            assertThat(response.status()).as(bad).isEqualTo(400);
            assertThat(response.json().get("type").asText()).isEqualTo("/problems/validation");
            assertThat(response.json().get("errors").get(0).get("field").asText()).isEqualTo("Idempotency-Key");
        }
        assertThat(http.postJson("/api/v1/test/counted", token, "{}", "Idempotency-Key", "x".repeat(128)).status())
                .isEqualTo(201);
    }

    @Test
    void fourHundredsAreStoredAndReplayed() {
        String key = key();
        int before = controller.counted.get();
        Http.Response first = http.postJson("/api/v1/test/rejected", token, "{}", "Idempotency-Key", key);
        Http.Response second = http.postJson("/api/v1/test/rejected", token, "{}", "Idempotency-Key", key);
        assertThat(first.status()).isEqualTo(409);
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(second.header("Content-Type")).startsWith("application/problem+json");
        assertThat(second.json().get("rule").asText()).isEqualTo("always");
        assertThat(controller.counted.get()).isEqualTo(before + 1);
    }

    @Test
    void fiveHundredReleasesTheKeySoARetryRuns() {
        String key = key();
        controller.failing.set(0);
        Http.Response first = http.postJson("/api/v1/test/failing", token, "{}", "Idempotency-Key", key);
        assertThat(first.status()).isEqualTo(500);
        Http.Response retry = http.postJson("/api/v1/test/failing", token, "{}", "Idempotency-Key", key);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isNull();
        Http.Response replay = http.postJson("/api/v1/test/failing", token, "{}", "Idempotency-Key", key);
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.json().get("n").asInt()).isEqualTo(2);
        assertThat(controller.failing.get()).isEqualTo(2);
    }

    @Test
    void storedRecordHoldsFingerprintAndResponse() {
        String key = key();
        Http.Response first = http.postJson("/api/v1/test/counted", token, "{}", "Idempotency-Key", key);
        String subject = http.get("/api/v1/test/whoami", token).json().get("subject").asText();
        Document stored = storedRecord(subject, key);
        assertThat(stored).isNotNull();
        assertThat(stored.getString("state")).isEqualTo("DONE");
        assertThat(Duration.between(stored.getDate("startedAt").toInstant(), stored.getDate("expiresAt").toInstant()))
                .isEqualTo(Duration.ofHours(24));
        assertThat(stored.getInteger("status")).isEqualTo(201);
        assertThat(stored.getString("location")).isEqualTo(first.header("Location"));
        assertThat(stored.getString("fingerprint")).hasSize(64);
    }

    @Test
    void asyncHandlersAreStoredAndReplayed() {
        String key = key();
        int before = controller.async.get();
        Http.Response first = http.postJson("/api/v1/test/async", token, "{}", "Idempotency-Key", key);
        Http.Response second = http.postJson("/api/v1/test/async", token, "{}", "Idempotency-Key", key);
        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(second.json().get("n").asInt()).isEqualTo(first.json().get("n").asInt());
        assertThat(controller.async.get()).isEqualTo(before + 1);
    }

    @Test
    void deleteIsIdempotentToo() {
        String key = key();
        int before = controller.deleted.get();
        for (int i = 0; i < 2; i++) {
            Http.Response response = http.send(http.request("/api/v1/test/things/t-1")
                    .header("Authorization", "Bearer " + token).header("Idempotency-Key", key).DELETE().build());
            assertThat(response.status()).isEqualTo(204);
        }
        assertThat(controller.deleted.get()).isEqualTo(before + 1);
    }

    @Test
    void withoutKeyEveryRequestRuns() {
        int before = controller.counted.get();
        http.postJson("/api/v1/test/counted", token, "{}");
        http.postJson("/api/v1/test/counted", token, "{}");
        assertThat(controller.counted.get()).isEqualTo(before + 2);
    }

    @Test
    void concurrentRepeatsRunTheHandlerOnce() throws Exception {
        String key = key();
        int threads = 20;
        int before = controller.counted.get();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Http.Response>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return http.postJson("/api/v1/test/counted", token, "{\"same\":true}", "Idempotency-Key", key);
                }));
            }
            start.countDown();
            List<Http.Response> responses = new ArrayList<>();
            for (Future<Http.Response> f : futures) {
                responses.add(f.get());
            }
            assertThat(controller.counted.get()).isEqualTo(before + 1);
            assertThat(responses).allSatisfy(r -> assertThat(r.status()).isEqualTo(201));
            assertThat(responses.stream().map(Http.Response::body).distinct()).hasSize(1);
            assertThat(responses.stream().filter(r -> r.header("Idempotent-Replayed") == null)).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    private String subject() {
        return http.get("/api/v1/test/whoami", token).json().get("subject").asText();
    }

    private static Document recordId(String subject, String key) {
        return new Document("subject", subject).append("key", key);
    }

    private Document storedRecord(String subject, String key) {
        return database.getCollection(IdempotencyKeyStore.COLLECTION).find(Filters.eq("_id", recordId(subject, key))).first();
    }

    private void insertRecord(String key, String state, Instant startedAt, Instant expiresAt) {
        Document record = new Document("_id", recordId(subject(), key))
                .append("fingerprint", IdempotencyFilter.fingerprint("POST", "/api/v1/test/counted", "{}".getBytes()))
                .append("state", state)
                .append("startedAt", Date.from(startedAt)).append("expiresAt", Date.from(expiresAt));
        if (state.equals("DONE")) {
            record.append("status", 201).append("contentType", "application/json")
                    .append("body", new Binary("{\"n\":-1}".getBytes()));
        }
        database.getCollection(IdempotencyKeyStore.COLLECTION).insertOne(record);
    }

    private void insertInProgress(String key, Instant startedAt) {
        insertRecord(key, "IN_PROGRESS", startedAt, startedAt.plus(Duration.ofHours(24)));
    }

    /** Its process may be stalled, not dead, and still commit: running the repeat could act twice. */
    @Test
    void requestInProgressBeyondItsLeaseIsNeverRunAgain() {
        String key = key();
        insertInProgress(key, Instant.now().minus(Duration.ofHours(1)));
        int before = controller.counted.get();
        long started = System.nanoTime();
        Http.Response response = http.postJson("/api/v1/test/counted", token, "{}", "Idempotency-Key", key);
        assertThat(response.status()).isEqualTo(409);
        assertThat(response.json().get("type").asText()).isEqualTo("/problems/concurrency");
        assertThat(response.json().get("detail").asText()).contains("outcome is unknown").contains("new key");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("answered without waiting").isLessThan(Duration.ofSeconds(5));
        assertThat(controller.counted.get()).isEqualTo(before);
        assertThat(storedRecord(subject(), key).getString("state")).isEqualTo("IN_PROGRESS");
    }

    @Test
    void expiredRecordCountsAsAbsentAndIsClaimedAfresh() {
        String key = key();
        insertRecord(key, "DONE", Instant.now().minus(Duration.ofHours(25)), Instant.now().minus(Duration.ofHours(1)));
        int before = controller.counted.get();
        Http.Response response = http.postJson("/api/v1/test/counted", token, "{}", "Idempotency-Key", key);
        assertThat(response.status()).isEqualTo(201);
        assertThat(response.header("Idempotent-Replayed")).isNull();
        assertThat(controller.counted.get()).isEqualTo(before + 1);
        Http.Response replay = http.postJson("/api/v1/test/counted", token, "{}", "Idempotency-Key", key);
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.body()).isEqualTo(response.body());
    }

    @Test
    void sweepDeletesExpiredRecordsOnly() {
        String expired = key();
        String live = key();
        insertRecord(expired, "DONE", Instant.now().minus(Duration.ofHours(25)), Instant.now().minus(Duration.ofHours(1)));
        insertInProgress(live, Instant.now());
        assertThat(store.deleteExpired()).isGreaterThanOrEqualTo(1);
        assertThat(storedRecord(subject(), expired)).isNull();
        assertThat(storedRecord(subject(), live)).isNotNull();
    }

    @Test
    void keyIsScopedByTheSubjectAndKeyPairNotByAJoinedString() {
        String suffix = UUID.randomUUID().toString();
        String first = http.token("clerk:" + suffix, "MA-07", "CHAMBER_CLERK");
        String second = http.token("clerk", "MA-07", "CHAMBER_CLERK");
        int before = controller.counted.get();
        Http.Response mine = http.postJson("/api/v1/test/counted", first, "{}", "Idempotency-Key", "k");
        Http.Response theirs = http.postJson("/api/v1/test/counted", second, "{}", "Idempotency-Key", suffix + ":k");
        assertThat(mine.status()).isEqualTo(201);
        assertThat(theirs.status()).isEqualTo(201);
        assertThat(theirs.header("Idempotent-Replayed")).isNull();
        assertThat(controller.counted.get()).isEqualTo(before + 2);
    }

    @Test
    void concurrencyConflictIsNotStoredSoARetryRuns() {
        String key = key();
        controller.contended.set(0);
        Http.Response first = http.postJson("/api/v1/test/contended", token, "{}", "Idempotency-Key", key);
        assertThat(first.status()).isEqualTo(409);
        assertThat(first.json().get("type").asText()).isEqualTo("/problems/concurrency");
        Http.Response retry = http.postJson("/api/v1/test/contended", token, "{}", "Idempotency-Key", key);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isNull();
        assertThat(controller.contended.get()).isEqualTo(2);
    }

    @Test
    void requestStillInProgressAfterTheWaitIs409WithRetryAfter() {
        String key = key();
        insertInProgress(key, Instant.now());
        int before = controller.counted.get();
        Http.Response response = http.postJson("/api/v1/test/counted", token, "{}", "Idempotency-Key", key);
        assertThat(response.status()).isEqualTo(409);
        assertThat(response.json().get("type").asText()).isEqualTo("/problems/concurrency");
        assertThat(response.header("Retry-After")).isEqualTo("1");
        assertThat(controller.counted.get()).isEqualTo(before);
    }

    @Test
    void oversizedBodyWithAKeyIs413AndLeavesNoRecord() {
        String key = key();
        byte[] big = ("{\"x\":\"" + "A".repeat(4096) + "\"}").getBytes();
        Http.Response response = http.send(http.request("/api/v1/test/counted")
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build());
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.json().get("type").asText()).isEqualTo("/problems/payload-too-large");
        assertThat(database.getCollection(IdempotencyKeyStore.COLLECTION)
                .countDocuments(Filters.eq("_id", recordId(subject(), key)))).isZero();
    }
}
