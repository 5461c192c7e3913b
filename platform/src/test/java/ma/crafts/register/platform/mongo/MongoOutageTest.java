package ma.crafts.register.platform.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import ma.crafts.register.platform.testapp.Http;
import ma.crafts.register.platform.testapp.PlatformTestApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * MongoDB stops under load and comes back on the same port: meanwhile every request that needs it gets a 503
 * problem+json within the timeouts, never a 500 or a hang, and the service recovers without a restart.
 */
class MongoOutageTest {
    private static final Duration BOUND = Duration.ofSeconds(5);

    private record Outcome(long startedAt, int status, String contentType, Duration took) {
    }

    @TempDir
    Path keyDir;

    @Test
    void outageAnswers503WithinBoundsAndTheServiceRecoversWhenMongoReturns() throws Exception {
        int port = freePort();
        MongoBackend backend = new MemoryBackend();
        MongoServer mongo = new MongoServer(backend);
        mongo.bind("127.0.0.1", port);
        ExecutorService load = Executors.newFixedThreadPool(4);
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(PlatformTestApplication.class).properties(Map.of(
                "server.port", "0",
                "register.mongodb.uri", "mongodb://127.0.0.1:" + port + "/outage",
                // An external MongoDB needs a configured master key; a test value, never a deployment's.
                "register.privacy.master-key", Base64.getEncoder().encodeToString(new byte[32]),
                "register.key-dir", keyDir.toString())).run()) {
            Http http = new Http(((WebServerApplicationContext) app).getWebServer().getPort());
            String token = http.token("clerk-outage", "MA-07", "CHAMBER_CLERK");
            ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
            AtomicBoolean running = new AtomicBoolean(true);
            for (int i = 0; i < 4; i++) {
                load.submit(() -> {
                    while (running.get()) {
                        long started = System.nanoTime();
                        // The key makes the request read and write MongoDB (idempotency_keys).
                        Http.Response response = http.postJson("/api/v1/test/counted", token, "{}",
                                "Idempotency-Key", UUID.randomUUID().toString());
                        outcomes.add(new Outcome(started, response.status(), response.header("Content-Type"),
                                Duration.ofNanos(System.nanoTime() - started)));
                    }
                    return null;
                });
            }
            Thread.sleep(1_000);
            assertThat(http.get("/actuator/health", null).status()).isEqualTo(200);

            long stoppedAt = System.nanoTime();
            mongo.shutdownNow();
            Thread.sleep(6_000);
            long downHealthStarted = System.nanoTime();
            Http.Response downHealth = http.get("/actuator/health", null);
            assertThat(downHealth.status()).isEqualTo(503);
            assertThat(Duration.ofNanos(System.nanoTime() - downHealthStarted)).isLessThan(BOUND);

            long restartedAt = System.nanoTime();
            mongo = new MongoServer(backend);
            mongo.bind("127.0.0.1", port);
            Duration recovery = awaitSuccessAfter(outcomes, restartedAt, Duration.ofSeconds(30));
            running.set(false);
            load.shutdown();
            assertThat(load.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

            List<Outcome> duringOutage = outcomes.stream()
                    .filter(o -> o.startedAt() > stoppedAt + Duration.ofSeconds(1).toNanos()
                            && o.startedAt() + o.took().toNanos() < restartedAt)
                    .toList();
            assertThat(duringOutage).as("requests sent while MongoDB was away").hasSizeGreaterThan(4);
            assertThat(duringOutage).allSatisfy(o -> {
                assertThat(o.status()).isEqualTo(503);
                assertThat(o.contentType()).startsWith("application/problem+json");
            });
            assertThat(outcomes).allSatisfy(o -> assertThat(o.status()).isIn(201, 503));
            assertThat(outcomes).allSatisfy(o -> assertThat(o.took()).isLessThan(BOUND));
            assertThat(recovery).as("time to the first success after MongoDB returned").isLessThan(Duration.ofSeconds(15));
            assertThat(awaitHealthy(http, Duration.ofSeconds(10))).isTrue();
        } finally {
            load.shutdownNow();
            mongo.shutdownNow();
        }
    }

    private static Duration awaitSuccessAfter(ConcurrentLinkedQueue<Outcome> outcomes, long since, Duration limit)
            throws InterruptedException {
        long deadline = since + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (outcomes.stream().anyMatch(o -> o.startedAt() > since && o.status() == 201)) {
                return Duration.ofNanos(System.nanoTime() - since);
            }
            Thread.sleep(100);
        }
        return limit;
    }

    /** The health result is cached for a moment, so UP shows a little after MongoDB is back. */
    private static boolean awaitHealthy(Http http, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (http.get("/actuator/health", null).status() == 200) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
