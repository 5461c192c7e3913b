package ma.crafts.register.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import ma.crafts.register.platform.mongo.RegisterMongoConnection;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A chamber's client that retries a registration with one {@code Idempotency-Key}, its retries landing on two
 * processes that share one MongoDB (the first one's embedded server, over TCP): the artisan is registered once, and
 * every answer, from either process, is that registration's.
 */
@SharedRegisterContext
class CrossProcessIdempotencyTest {
    private static final int ATTEMPTS = 24;

    @LocalServerPort
    int port;
    @Autowired
    RegisterMongoConnection connection;
    @Autowired
    MongoDatabase database;

    @Test
    void concurrentRetriesOfOneRegistrationAcrossTwoProcessesRegisterOnceAndReplayIt() throws Exception {
        try (ConfigurableApplicationContext second = SecondProcess.start(connection)) {
            List<Api> processes = List.of(new Api(port), new Api(SecondProcess.port(second)));
            List<String> clerks = new ArrayList<>();
            for (Api process : processes) {
                clerks.add(process.token("clerk-idempotent", List.of("CHAMBER_CLERK"), "MA-07"));
            }
            String activityCode = processes.get(0).get("/api/v1/reference/activities", clerks.get(0))
                    .body().get("activities").get(0).get("code").asText();
            Map<String, Object> registration = Api.artisan("ID" + ThreadLocalRandom.current().nextInt(100_000, 999_999),
                    "MA-MAR", activityCode);
            Map<String, String> key = Map.of("Idempotency-Key", "registration-" + UUID.randomUUID());
            long registrationsBefore = SecondProcess.registrationsStored(database);

            List<Api.Reply> replies = new ArrayList<>(SecondProcess.atOnce(ATTEMPTS, 12, i -> processes.get(i % 2)
                    .send("POST", "/api/v1/artisans", clerks.get(i % 2), registration, key)));
            replies.add(processes.get(1).send("POST", "/api/v1/artisans", clerks.get(1), registration, key));

            assertThat(replies).allSatisfy(r -> assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(201));
            assertThat(replies.stream().map(r -> r.body().get("artisanId").asText()).distinct()).hasSize(1);
            assertThat(replies.stream().filter(r -> r.header("Idempotent-Replayed") == null)).hasSize(1);
            assertThat(SecondProcess.registrationsStored(database)).isEqualTo(registrationsBefore + 1);
        }
    }
}
