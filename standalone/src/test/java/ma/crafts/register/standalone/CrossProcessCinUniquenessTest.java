package ma.crafts.register.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import ma.crafts.register.platform.mongo.RegisterMongoConnection;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.context.WebServerApplicationContext;
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
        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(RegisterApplication.class).properties(Map.of(
                "server.port", "0",
                "register.mongodb.uri", connection.connectionString().getConnectionString(),
                // With a MongoDB URI the register defaults to a real token issuer; this test mints dev tokens.
                "register.auth.mode", "dev",
                "register.mongodb.database", connection.database(),
                "register.privacy.master-key", SharedRegisterContext.MASTER_KEY)).run()) {
            int secondPort = ((WebServerApplicationContext) second).getWebServer().getPort();
            List<Api> processes = List.of(new Api(port), new Api(secondPort));
            List<String> clerks = new ArrayList<>();
            for (Api process : processes) {
                clerks.add(process.token("clerk-marrakech", List.of("CHAMBER_CLERK"), "MA-07"));
            }
            String activityCode = processes.get(0).get("/api/v1/reference/activities", clerks.get(0))
                    .body().get("activities").get(0).get("code").asText();
            String cin = "CP" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
            long registrationsBefore = registrationsStored();

            ExecutorService pool = Executors.newFixedThreadPool(16);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Api.Reply>> replies = new ArrayList<>();
            try {
                for (int i = 0; i < REGISTRATIONS; i++) {
                    Api process = processes.get(i % 2);
                    String clerk = clerks.get(i % 2);
                    Callable<Api.Reply> registration = () -> {
                        start.await();
                        return process.post("/api/v1/artisans", clerk, Api.artisan(cin, "MA-MAR", activityCode));
                    };
                    replies.add(pool.submit(registration));
                }
                start.countDown();
                List<Api.Reply> done = new ArrayList<>();
                for (Future<Api.Reply> reply : replies) {
                    done.add(reply.get(120, TimeUnit.SECONDS));
                }

                List<Api.Reply> created = done.stream().filter(r -> r.status() == 201).toList();
                List<Api.Reply> refused = done.stream().filter(r -> r.status() != 201).toList();
                assertThat(created).as("registrations accepted").hasSize(1);
                assertThat(refused).hasSize(REGISTRATIONS - 1).allSatisfy(r -> {
                    assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(409);
                    assertThat(r.body().get("type").asText()).isEqualTo("/problems/duplicate-cin");
                });
                // A rejected registration stores nothing: the store gained exactly one registration.
                assertThat(registrationsStored()).isEqualTo(registrationsBefore + 1);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /** ArtisanRegistered events in the shared event store. */
    private long registrationsStored() {
        long count = 0;
        for (var commit : database.getCollection("commits").find(Filters.exists("events"))) {
            for (var event : commit.getList("events", org.bson.Document.class)) {
                if (event.getString("payloadType").endsWith(".ArtisanRegistered")) {
                    count++;
                }
            }
        }
        return count;
    }
}
