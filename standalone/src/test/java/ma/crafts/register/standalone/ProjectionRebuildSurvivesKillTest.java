package ma.crafts.register.standalone;

import static ma.crafts.register.standalone.RegisterProcess.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code kill -9} during a rebuild: the register runs as a separate JVM on the embedded H2-backed store in a temp
 * data dir, is killed (SIGKILL) while the artisan view and the card checks are being rebuilt, and is started again on
 * the same data. The old views serve after the restart, the rebuilds resume, and the views they switch to answer
 * exactly as the views built while the events were recorded. The claim timeout is long so that the killed process's
 * claims hold the resumed rebuild back for a while after the restart: long enough to read the old views first.
 */
class ProjectionRebuildSurvivesKillTest {

    private static final int ARTISANS = 150;
    private static final String CLAIM_TIMEOUT = "PT45S";
    private static final List<String> REBUILT = List.of("artisan-view", "card-verification");

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
    void aRebuildKilledHalfWayLeavesTheOldViewsServingAndResumesToTheSameViews() throws Exception {
        Api api = start("first");
        String clerk = api.token("clerk", List.of("CHAMBER_CLERK"), "MA-07");
        String auditor = api.token("auditor", List.of("AUDITOR"), null);
        String admin = api.token("admin", List.of("REGISTRY_ADMIN"), null);
        String activityCode = api.get("/api/v1/reference/activities", clerk).body().get("activities").get(0)
                .get("code").asText();
        List<String> artisans = new ArrayList<>();
        List<String> cards = new ArrayList<>();
        long lastPosition = -1;
        for (int i = 0; i < ARTISANS; i++) {
            Api.Reply registered = api.post("/api/v1/artisans", clerk, Api.artisan("KL" + (10_000 + i), "MA-MAR",
                    activityCode));
            assertThat(registered.status()).as(String.valueOf(registered.body())).isEqualTo(201);
            String artisanId = registered.body().get("artisanId").asText();
            artisans.add(artisanId);
            lastPosition = registered.body().get("position").asLong();
            if (i % 2 == 0) {
                Api.Reply card = api.post("/api/v1/artisans/" + artisanId + "/cards", clerk, Map.of());
                assertThat(card.status()).as(String.valueOf(card.body())).isEqualTo(201);
                cards.add(card.body().get("cardNumber").asText());
                lastPosition = card.body().get("position").asLong();
            }
        }
        assertThat(api.get("/api/v1/artisans/" + artisans.get(ARTISANS - 1) + "?minPosition=" + lastPosition, auditor)
                .status()).isEqualTo(200);
        Map<String, String> built = reads(api, auditor, artisans, cards);

        for (String projection : REBUILT) {
            Api.Reply started = api.post("/api/v1/admin/projections/" + projection + "/rebuild", admin, null);
            assertThat(started.status()).as(String.valueOf(started.body())).isEqualTo(202);
        }
        long head = lastPosition;
        await("the artisan view's rebuild to be under way", () -> progress(api, admin, "artisan-view")
                .get("position").asLong() >= head / 4);
        JsonNode halfWay = progress(api, admin, "artisan-view");
        register.kill();
        assertThat(halfWay.get("status").asText()).as("killed during the rebuild: " + halfWay).isEqualTo("REBUILDING");
        assertThat(halfWay.get("position").asLong()).isLessThan(halfWay.get("head").asLong());

        Api restarted = start("second");
        String adminAgain = restarted.token("admin", List.of("REGISTRY_ADMIN"), null);
        String auditorAgain = restarted.token("auditor", List.of("AUDITOR"), null);
        for (String projection : REBUILT) {
            JsonNode progress = progress(restarted, adminAgain, projection);
            assertThat(progress.get("status").asText()).as(progress.toString()).isEqualTo("REBUILDING");
            assertThat(progress.get("generation").asInt()).isZero();
        }
        assertThat(reads(restarted, auditorAgain, artisans, cards)).as("the old views serve")
                .isEqualTo(built);

        for (String projection : REBUILT) {
            await(projection + " to switch to its rebuilt generation", () -> {
                JsonNode progress = progress(restarted, adminAgain, projection);
                return progress.get("status").asText().equals("LIVE") && progress.get("generation").asInt() == 1;
            });
        }
        assertThat(reads(restarted, auditorAgain, artisans, cards)).as("the rebuilt views").isEqualTo(built);
    }

    /** Every artisan view, every card check and the region's search pages, as the register answers them now. */
    private static Map<String, String> reads(Api api, String auditor, List<String> artisans, List<String> cards) {
        Map<String, String> reads = new LinkedHashMap<>();
        for (String artisanId : artisans) {
            Api.Reply view = api.get("/api/v1/artisans/" + artisanId, auditor);
            reads.put(artisanId, view.status() + " " + view.body());
        }
        for (String card : cards) {
            reads.put(card, String.valueOf(api.get("/api/v1/cards/" + card + "/verification", null).body()));
        }
        for (int page = 0; page * 100 < artisans.size(); page++) {
            reads.put("search page " + page, String.valueOf(api.get("/api/v1/artisans?regionCode=MA-07&size=100&page="
                    + page, auditor).body()));
        }
        return reads;
    }

    private static JsonNode progress(Api api, String admin, String projection) {
        Api.Reply listed = api.get("/api/v1/admin/projections", admin);
        assertThat(listed.status()).as(String.valueOf(listed.body())).isEqualTo(200);
        for (JsonNode progress : listed.body().get("projections")) {
            if (progress.get("name").asText().equals(projection)) {
                return progress;
            }
        }
        throw new AssertionError("no projection " + projection + " in " + listed.body());
    }

    private Api start(String run) throws IOException, InterruptedException {
        register = RegisterProcess.start(work, run,
                "--register.event-store.claim-timeout=" + CLAIM_TIMEOUT,
                "--register.query.projection-batch-size=1",
                "--register.query.rebuild.monitor-interval=200ms",
                // The test reads every card check back to back from one address.
                "--register.http.public-rate-limit.per-second=1000",
                "--register.http.public-rate-limit.burst=1000");
        return register.api();
    }
}
