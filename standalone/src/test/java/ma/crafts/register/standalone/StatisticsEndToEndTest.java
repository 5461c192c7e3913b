package ma.crafts.register.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The statistics over real HTTP after a seeded random mix of lifecycle commands in two regions no other suite uses
 * (Tanger-Tétouan-Al Hoceïma and the Oriental): the counts move by exactly what the commands that were accepted
 * changed, and the administrator's recount from the event store equals the cells.
 */
@SharedRegisterContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatisticsEndToEndTest {

    private static final List<String> PROVINCES = List.of("MA-CHE", "MA-FAH", "MA-BER", "MA-DRI");
    private static final Map<String, String> REGION_OF = Map.of("MA-CHE", "MA-01", "MA-FAH", "MA-01",
            "MA-BER", "MA-02", "MA-DRI", "MA-02");
    private static final int ARTISANS = 24;
    private static final int COMMANDS = 80;

    @LocalServerPort
    int port;

    private Api api;
    private String analyst;
    private String admin;
    private final Map<String, String> clerks = new HashMap<>();

    /** What the test knows of each artisan it registered, changed only by accepted commands. */
    private static final class Known {
        String province;
        final String gender;
        String status = "ACTIVE";
        String card = "NONE";
        String cardNumber;

        Known(String province, String gender) {
            this.province = province;
            this.gender = gender;
        }

        String region() {
            return REGION_OF.get(province);
        }
    }

    @BeforeAll
    void tokens() {
        api = new Api(port);
        analyst = api.token("stats-analyst", List.of("MINISTRY_ANALYST"), null);
        admin = api.token("stats-admin", List.of("REGISTRY_ADMIN"), null);
        for (String region : List.of("MA-01", "MA-02")) {
            clerks.put(region, api.token("stats-clerk-" + region, List.of("CHAMBER_CLERK"), region));
        }
    }

    @Test
    void countsFollowARandomMixOfCommandsAndEqualTheRecount() {
        Map<String, Long> before = regionStatus();
        SplittableRandom random = new SplittableRandom(Long.getLong(SeededCases.SEED_PROPERTY, 5017L));
        Map<String, Known> known = new LinkedHashMap<>();
        long highest = 0;
        for (int i = 0; i < ARTISANS; i++) {
            String province = PROVINCES.get(random.nextInt(PROVINCES.size()));
            String gender = random.nextBoolean() ? "F" : "M";
            Map<String, Object> body = new HashMap<>(Api.artisan(RegisterFixtures.freshCin(), province,
                    random.nextBoolean() ? "B01-001" : "B03-001"));
            body.put("gender", gender);
            body.put("birthDate", (1950 + random.nextInt(55)) + "-0" + (1 + random.nextInt(9)) + "-15");
            Api.Reply registered = api.post("/api/v1/artisans", clerks.get(REGION_OF.get(province)), body);
            assertThat(registered.status()).as("registration %s", registered.body()).isEqualTo(201);
            known.put(registered.body().get("artisanId").asText(), new Known(province, gender));
            highest = Math.max(highest, registered.body().get("position").asLong());
        }
        List<String> ids = new ArrayList<>(known.keySet());
        for (int i = 0; i < COMMANDS; i++) {
            String id = ids.get(random.nextInt(ids.size()));
            highest = Math.max(highest, command(id, known.get(id), random));
        }

        awaitPosition(highest);
        Map<String, Long> after = regionStatus();
        Map<String, Long> expected = new HashMap<>();
        known.values().forEach(k -> expected.merge(k.region() + "/" + k.status, 1L, Long::sum));
        for (String key : union(before, after, expected)) {
            assertThat(after.getOrDefault(key, 0L) - before.getOrDefault(key, 0L)).as("change of %s", key)
                    .isEqualTo(expected.getOrDefault(key, 0L));
        }
        Map<String, Long> cards = new HashMap<>();
        known.values().stream().filter(k -> k.region().equals("MA-01"))
                .forEach(k -> cards.merge(k.gender + "/" + k.card, 1L, Long::sum));
        assertThat(counts("/api/v1/statistics/actors?groupBy=gender,cardStatus&regionCode=MA-01", analyst))
                .isEqualTo(cards);

        JsonNode recount = api.post("/api/v1/admin/statistics/recount", admin, null).body();
        assertThat(recount.get("settled").asBoolean()).as("recount %s", recount).isTrue();
        assertThat(recount.get("equal").asBoolean()).as("recount %s", recount).isTrue();
        assertThat(recount.get("actors").asLong()).isGreaterThanOrEqualTo(ARTISANS);
    }

    @Test
    void csvHasABomAndTheOpenDataSuppressesSmallCounts() {
        HttpResponse<byte[]> csv = api.download("/api/v1/statistics/actors?groupBy=regionCode,gender", analyst,
                "text/csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        String text = new String(csv.body(), StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFFregionCode,gender,count\r\n");

        HttpResponse<byte[]> open = api.download("/api/v1/open-data/actors.csv", null);
        assertThat(open.statusCode()).isEqualTo(200);
        assertThat(open.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        List<String> lines = new String(open.body(), StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(0)).startsWith("\uFEFF# Counts below 5 are published as <5");
        assertThat(lines.get(1)).isEqualTo("regionCode,region_fr,region_ar,branchCode,branch_fr,branch_ar,gender,count");
        for (String line : lines.subList(2, lines.size())) {
            String count = line.substring(line.lastIndexOf(',') + 1);
            assertThat(count.equals("<5") || Long.parseLong(count) >= 5).as(line).isTrue();
        }
    }

    @Test
    void unknownDimensionsAreRefusedAndClerksReadTheirRegion() {
        Api.Reply unknown = api.get("/api/v1/statistics/actors?groupBy=colour", analyst);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
        assertThat(api.get("/api/v1/statistics/actors?gender=X", analyst).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/statistics/flows?measure=births", analyst).status()).isEqualTo(400);
        assertThat(api.download("/api/v1/statistics/actors?groupBy=colour", analyst, "text/csv").statusCode())
                .isEqualTo(400);

        String clerk = clerks.get("MA-01");
        assertThat(counts("/api/v1/statistics/actors?groupBy=regionCode", clerk).keySet())
                .allMatch(region -> region.equals("MA-01"));
        assertThat(api.get("/api/v1/statistics/actors?regionCode=MA-02", clerk).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/statistics/flows?measure=registrations&provinceCode=MA-BER", clerk).status())
                .isEqualTo(403);
        assertThat(api.get("/api/v1/statistics/actors", null).status()).isEqualTo(401);
    }

    /** One random command the artisan's known state makes plausible; the model changes only if it is accepted. */
    private long command(String id, Known artisan, SplittableRandom random) {
        String clerk = clerks.get(artisan.region());
        int choice = random.nextInt(7);
        Api.Reply reply;
        switch (choice) {
            case 0 -> {
                reply = api.post("/api/v1/artisans/" + id + "/cards", clerk, null);
                if (ok(reply)) {
                    artisan.card = "VALID";
                    artisan.cardNumber = reply.body().get("cardNumber").asText();
                }
            }
            case 1 -> {
                reply = api.post("/api/v1/artisans/" + id + "/suspension", clerk, Map.of("reason", "inquiry"));
                if (ok(reply)) {
                    artisan.status = "SUSPENDED";
                }
            }
            case 2 -> {
                reply = api.post("/api/v1/artisans/" + id + "/reinstatement", clerk, Map.of("reason", "cleared"));
                if (ok(reply)) {
                    artisan.status = "ACTIVE";
                }
            }
            case 3 -> {
                String to = PROVINCES.get(random.nextInt(PROVINCES.size()));
                reply = api.post("/api/v1/artisans/" + id + "/relocation", clerk,
                        Map.of("provinceCode", to, "address", "Rue 1"));
                if (ok(reply)) {
                    artisan.province = to;
                }
            }
            case 4 -> {
                reply = artisan.cardNumber == null ? null
                        : api.post("/api/v1/cards/" + artisan.cardNumber + "/suspension", clerk, Map.of("reason", "check"));
                if (ok(reply)) {
                    artisan.card = "SUSPENDED";
                }
            }
            case 5 -> {
                reply = artisan.cardNumber == null ? null
                        : api.post("/api/v1/cards/" + artisan.cardNumber + "/loss-report", clerk, null);
                if (ok(reply)) {
                    artisan.card = "LOST";
                }
            }
            default -> {
                reply = random.nextInt(4) == 0
                        ? api.post("/api/v1/artisans/" + id + "/striking-off", clerk, Map.of("reason", "final")) : null;
                if (ok(reply)) {
                    artisan.status = "STRUCK_OFF";
                }
            }
        }
        return ok(reply) && reply.body().has("position") ? reply.body().get("position").asLong() : 0;
    }

    private static boolean ok(Api.Reply reply) {
        if (reply == null) {
            return false;
        }
        assertThat(reply.status()).as("reply %s", reply.body()).isIn(200, 201, 409);
        return reply.status() < 300;
    }

    private void awaitPosition(long position) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (api.get("/api/v1/statistics/actors", analyst).body().get("position").asLong() < position) {
            assertThat(Instant.now()).as("statistics reach position %s", position).isBefore(deadline);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private Map<String, Long> regionStatus() {
        Map<String, Long> counts = counts("/api/v1/statistics/actors?groupBy=regionCode,status&actorKind=ARTISAN",
                analyst);
        counts.keySet().removeIf(key -> !key.startsWith("MA-01/") && !key.startsWith("MA-02/"));
        return counts;
    }

    private Map<String, Long> counts(String path, String token) {
        Api.Reply reply = api.get(path, token);
        assertThat(reply.status()).as("%s: %s", path, reply.body()).isEqualTo(200);
        Map<String, Long> counts = new HashMap<>();
        for (JsonNode group : reply.body().get("groups")) {
            List<String> key = new ArrayList<>();
            group.get("key").forEach(value -> key.add(value.asText()));
            counts.put(String.join("/", key), group.get("count").asLong());
        }
        return counts;
    }

    @SafeVarargs
    private static List<String> union(Map<String, Long>... maps) {
        List<String> keys = new ArrayList<>();
        for (Map<String, Long> map : maps) {
            map.keySet().stream().filter(k -> !keys.contains(k)).forEach(keys::add);
        }
        return keys;
    }
}
