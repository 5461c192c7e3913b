package ma.crafts.register.standalone;

import static ma.crafts.register.standalone.RegisterProcess.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code kill -9} under load: eight clients register artisans in a register running as a JVM of its own on the H2
 * store, it is killed while they do, and started again on the same data. Every acknowledged registration is then
 * readable, the search totals equal the items they list, and every read equals what a clean rebuild of the artisan
 * view (views, search windows and counts) answers; the statistics count each artisan once and equal a recount from
 * the event store. Commits in flight when reads are made land late, below positions
 * already applied: what the crash report saw as totals below their items.
 */
class ReadModelsSurviveKillUnderLoadTest {

    private static final int CLIENTS = 8;
    private static final long LOAD_MILLIS = 8_000;
    private static final String[] SETTINGS = {"--register.event-store.claim-timeout=PT5S",
            "--register.event-store.gap-timeout=PT2S", "--register.query.rebuild.monitor-interval=200ms"};
    private static final String REGION = "MA-07";
    private static final String SEARCH_PAGE = "search page ";

    @TempDir
    Path work;

    private RegisterProcess register;

    @AfterEach
    void stopTheRegister() throws InterruptedException {
        if (register != null) {
            register.stop();
        }
    }

    @Test
    void afterAKillUnderLoadEveryReadModelEqualsACleanRebuild() throws Exception {
        register = RegisterProcess.start(work, "first", SETTINGS);
        Api api = register.api();
        String clerk = api.token("clerk", List.of("CHAMBER_CLERK"), REGION);
        String activityCode = api.get("/api/v1/reference/activities", clerk).body().get("activities").get(0)
                .get("code").asText();
        Queue<String> acknowledged = new ConcurrentLinkedQueue<>();
        AtomicLong highestPosition = new AtomicLong(-1);
        AtomicInteger cins = new AtomicInteger(100_000);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        for (int i = 0; i < CLIENTS; i++) {
            clients.submit(() -> {
                try {
                    while (true) {
                        Api.Reply registered = api.post("/api/v1/artisans", clerk,
                                Api.artisan("KU" + cins.incrementAndGet(), "MA-MAR", activityCode));
                        if (registered.status() == 201) {
                            acknowledged.add(registered.body().get("artisanId").asText());
                            highestPosition.accumulateAndGet(registered.body().get("position").asLong(), Math::max);
                        }
                    }
                } catch (IllegalStateException killed) {
                    // the register is gone: this client stops
                }
            });
        }
        Thread.sleep(LOAD_MILLIS);
        register.kill();
        clients.shutdown();
        assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        assertThat(acknowledged).as("registrations acknowledged before the kill").isNotEmpty();

        register = RegisterProcess.start(work, "second", SETTINGS);
        Api restarted = register.api();
        String auditor = restarted.token("auditor", List.of("AUDITOR"), null);
        String admin = restarted.token("admin", List.of("REGISTRY_ADMIN"), null);
        String last = acknowledged.peek();
        await("the views to reach the last acknowledged registration", () -> restarted.get("/api/v1/artisans/" + last
                + "?minPosition=" + highestPosition.get(), auditor).status() == 200);
        Map<String, String> afterCrash = settledReads(restarted, auditor);

        Set<String> listed = new LinkedHashSet<>(afterCrash.keySet());
        listed.removeIf(read -> read.startsWith(SEARCH_PAGE));
        assertThat(listed).as("every acknowledged registration is found").containsAll(acknowledged);
        for (String key : List.of("regionCode=" + REGION, "provinceCode=MA-MAR", "page=0")) {
            assertThat(restarted.get("/api/v1/artisans?size=1&" + key, auditor).body().get("total").asLong())
                    .as("the total of " + key).isEqualTo(listed.size());
        }
        for (String artisanId : acknowledged) {
            assertThat(afterCrash.get(artisanId)).as(artisanId).startsWith("200 ");
        }
        // The statistics have a processor of their own: they count every artisan listed, once, when it catches up.
        await("the statistics to count every artisan listed", () -> restarted.get("/api/v1/statistics/actors?regionCode="
                + REGION, auditor).body().get("total").asLong() == listed.size());
        JsonNode recount = restarted.post("/api/v1/admin/statistics/recount", admin, null).body();
        assertThat(recount.get("settled").asBoolean() && recount.get("equal").asBoolean())
                .as("the statistics equal a recount from the store: %s", recount).isTrue();

        Api.Reply rebuild = restarted.post("/api/v1/admin/projections/artisan-view/rebuild", admin, null);
        assertThat(rebuild.status()).as(String.valueOf(rebuild.body())).isEqualTo(202);
        await("the rebuilt artisan view to serve", () -> {
            for (JsonNode progress : restarted.get("/api/v1/admin/projections", admin).body().get("projections")) {
                if (progress.get("name").asText().equals("artisan-view")) {
                    return progress.get("status").asText().equals("LIVE") && progress.get("generation").asInt() == 1;
                }
            }
            return false;
        });
        assertThat(reads(restarted, auditor)).as("the views after the crash are those a clean rebuild gives")
                .isEqualTo(afterCrash);
    }

    /** Reads once a second until two agree: late commits of the killed process may still be being applied. */
    private static Map<String, String> settledReads(Api api, String auditor) throws InterruptedException {
        Map<String, String> previous = reads(api, auditor);
        while (true) {
            Thread.sleep(1_000);
            Map<String, String> now = reads(api, auditor);
            if (now.equals(previous)) {
                return now;
            }
            previous = now;
        }
    }

    /** The region's search pages, and the view of every artisan they list. */
    private static Map<String, String> reads(Api api, String auditor) {
        Map<String, String> reads = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>();
        for (int page = 0; ; page++) {
            JsonNode found = api.get("/api/v1/artisans?regionCode=" + REGION + "&size=100&page=" + page, auditor).body();
            reads.put(SEARCH_PAGE + page, found.toString());
            found.get("items").forEach(item -> ids.add(item.get("artisanId").asText()));
            if (found.get("items").size() < 100) {
                break;
            }
        }
        for (String artisanId : ids) {
            Api.Reply view = api.get("/api/v1/artisans/" + artisanId, auditor);
            reads.put(artisanId, view.status() + " " + view.body());
        }
        return reads;
    }
}
