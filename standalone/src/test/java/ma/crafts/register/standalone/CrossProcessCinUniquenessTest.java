package ma.crafts.register.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import ma.crafts.register.platform.mongo.RegisterMongoConnection;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One artisan per CIN nationwide, even when the same CIN reaches two processes at once: a second standalone process
 * runs against the first one's MongoDB (its embedded server, found through {@link RegisterMongoConnection}), with the
 * same master key so both compute the same CIN fingerprint, and 50 concurrent registrations of one CIN are split
 * between the two.
 */
@SharedRegisterContext
class CrossProcessCinUniquenessTest {

    private static final int REGISTRATIONS = 50;

    @LocalServerPort
    int port;
    @Autowired
    RegisterMongoConnection connection;
    @Autowired
    MongoDatabase database;

    @Test
    void fiftyConcurrentRegistrationsOfOneCinAcrossTwoProcessesMakeOneArtisan() throws Exception {
        try (ConfigurableApplicationContext second = SecondProcess.start(connection)) {
            int secondPort = SecondProcess.port(second);
            List<Api> processes = List.of(new Api(port), new Api(secondPort));
            List<String> clerks = new ArrayList<>();
            for (Api process : processes) {
                clerks.add(process.token("clerk-marrakech", List.of("CHAMBER_CLERK"), "MA-07"));
            }
            String activityCode = processes.get(0).get("/api/v1/reference/activities", clerks.get(0))
                    .body().get("activities").get(0).get("code").asText();
            String cin = "CP" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
            long registrationsBefore = SecondProcess.registrationsStored(database);

            List<Api.Reply> done = SecondProcess.atOnce(REGISTRATIONS, 16, i -> processes.get(i % 2)
                    .post("/api/v1/artisans", clerks.get(i % 2), Api.artisan(cin, "MA-MAR", activityCode)));

            List<Api.Reply> created = done.stream().filter(r -> r.status() == 201).toList();
            List<Api.Reply> refused = done.stream().filter(r -> r.status() != 201).toList();
            assertThat(created).as("registrations accepted").hasSize(1);
            assertThat(refused).hasSize(REGISTRATIONS - 1).allSatisfy(r -> {
                assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(409);
                assertThat(r.body().get("type").asText()).isEqualTo("/problems/duplicate-cin");
            });
            // A rejected registration stores nothing: the store gained exactly one registration.
            assertThat(SecondProcess.registrationsStored(database)).isEqualTo(registrationsBefore + 1);
        }
    }
}
