package ma.crafts.register.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Programmes over real HTTP: the seed a new register starts with, a definition and a revision by a registry
 * administrator, refused bad rules, and verdicts that name the version applied, before and after the revision.
 */
@SharedRegisterContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProgrammeEndToEndTest {
    @LocalServerPort
    int port;

    Api api;
    String admin;
    String clerk;
    String analyst;

    @BeforeEach
    void tokens() {
        api = new Api(port);
        admin = api.token("admin-programmes", List.of("REGISTRY_ADMIN"), null);
        clerk = api.token("clerk-marrakech", List.of("CHAMBER_CLERK"), "MA-07");
        analyst = api.token("analyst", List.of("MINISTRY_ANALYST"), null);
    }

    private static Map<String, Object> rule(String name, String type, String... values) {
        return Map.of("rule", name, "type", type, "values", List.of(values), "provisional", false);
    }

    private static Map<String, Object> programme(String reason, List<Map<String, Object>> rules) {
        return Map.of("partner", "Maison de l'Artisan", "name", Map.of("ar", "معرض الصانعات", "fr", "Salon des artisanes"),
                "provisional", false, "reason", reason, "rules", rules);
    }

    private static JsonNode verdict(JsonNode verdicts, String programId) {
        for (JsonNode v : verdicts) {
            if (v.get("programId").asText().equals(programId)) {
                return v;
            }
        }
        throw new AssertionError("no verdict for " + programId + " in " + verdicts);
    }

    @Test
    void defineReviseAndJudgeThePastByTheRulesOfThePast() throws Exception {
        String programId = "WOMEN-FAIR-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        Map<String, Object> definition = new java.util.HashMap<>(programme("convention of 2026",
                List.of(rule("women", "GENDER_IS", "F"), rule("active", "STATUS_IS", "ACTIVE"))));
        definition.put("programId", programId);
        assertThat(api.post("/api/v1/programmes", clerk, definition).status()).isEqualTo(403);
        Api.Reply defined = api.post("/api/v1/programmes", admin, definition);
        assertThat(defined.status()).as(String.valueOf(defined.body())).isEqualTo(201);
        assertThat(defined.header("Location")).isEqualTo("/api/v1/programmes/" + programId);
        assertThat(defined.body().get("programVersion").asInt()).isEqualTo(1);
        assertThat(api.post("/api/v1/programmes", admin, definition).body().get("rule").asText())
                .isEqualTo("programme-already-defined");

        JsonNode activity = api.get("/api/v1/reference/activities", clerk).body().get("activities").get(0);
        String cin = "PE" + (100000 + (int) (Math.random() * 800000));
        Api.Reply registered = api.post("/api/v1/artisans", clerk, Api.artisan(cin, "MA-MAR", activity.get("code").asText()));
        assertThat(registered.status()).as(String.valueOf(registered.body())).isEqualTo(201);
        String artisanId = registered.body().get("artisanId").asText();
        long position = registered.body().get("position").asLong();

        JsonNode before = verdict(api.get("/api/v1/artisans/" + artisanId + "/eligibility?minPosition=" + position,
                analyst).body(), programId);
        assertThat(before.get("programVersion").asInt()).isEqualTo(1);
        assertThat(before.get("eligible").asBoolean()).isTrue();
        Thread.sleep(5);
        Instant beforeRevision = Instant.now();
        Thread.sleep(5);

        Api.Reply broken = api.send("PUT", "/api/v1/programmes/" + programId, admin, programme("broken",
                List.of(rule("women", "GENDER_IS", "W"), rule("fine", "HAS_VALID_CARD"), rule("x", "TELEPATHY"))));
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.raw().headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(broken.body().get("errors")).extracting(e -> e.get("field").asText())
                .containsExactly("rules[0]", "rules[2]");

        Api.Reply revised = api.send("PUT", "/api/v1/programmes/" + programId, admin, programme("places are scarce",
                List.of(rule("women", "GENDER_IS", "F"), rule("active", "STATUS_IS", "ACTIVE"),
                        Map.of("rule", "five-years-registered", "type", "REGISTERED_FOR_AT_LEAST_MONTHS", "months", 60,
                                "provisional", false))));
        assertThat(revised.status()).as(String.valueOf(revised.body())).isEqualTo(200);
        assertThat(revised.body().get("programVersion").asInt()).isEqualTo(2);
        long revisedAt = revised.body().get("position").asLong();

        JsonNode versions = api.get("/api/v1/programmes/" + programId + "/versions?minPosition=" + revisedAt, analyst).body();
        assertThat(versions).as("the broken revision stored nothing").hasSize(2);
        assertThat(versions.get(1).get("recordedBy").asText()).isEqualTo("admin-programmes");
        assertThat(versions.get(1).get("reason").asText()).isEqualTo("places are scarce");

        // The model serves version 1 until a background pass has judged every actor by version 2.
        JsonNode now = awaitVerdictVersion(artisanId, programId, 2);
        assertThat(now.get("programVersion").asInt()).isEqualTo(2);
        assertThat(now.get("eligible").asBoolean()).isFalse();
        assertThat(now.get("reasons").get(2).get("detail").get("fr").asText()).contains("requis : au moins 60");

        JsonNode then = verdict(api.get("/api/v1/artisans/" + artisanId + "/eligibility?asOf=" + beforeRevision,
                analyst).body(), programId);
        assertThat(then.get("programVersion").asInt()).isEqualTo(1);
        assertThat(then.get("effectiveFrom").asText()).isEqualTo(before.get("effectiveFrom").asText());
        assertThat(then.get("eligible").asBoolean()).isTrue();
        assertThat(then.get("reasons")).hasSize(2);
    }

    /** Asks again until the answer passes or a minute has gone; returns the last answer. */
    private static <T> T awaitAnswer(java.util.function.Supplier<T> ask, java.util.function.Predicate<T> done)
            throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        T answer = ask.get();
        while (!done.test(answer) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            answer = ask.get();
        }
        return answer;
    }

    private JsonNode awaitVerdictVersion(String artisanId, String programId, int version) throws InterruptedException {
        return awaitAnswer(() -> verdict(api.get("/api/v1/artisans/" + artisanId + "/eligibility", analyst).body(),
                programId), verdict -> verdict.get("programVersion").asInt() >= version);
    }

    /** The count grouped by region once the model serves {@code version} of the programme with {@code total}. */
    private JsonNode awaitCount(String programId, int version, long total) throws InterruptedException {
        return awaitAnswer(() -> api.get("/api/v1/programmes/" + programId + "/eligible/count?groupBy=regionCode",
                analyst).body(), count -> count.path("programVersion").asInt() == version
                && count.path("total").asLong() == total);
    }

    private List<String> eligibleIds(String programId, String token, String filter) {
        List<String> ids = new java.util.ArrayList<>();
        for (int page = 0; ; page++) {
            JsonNode body = api.get("/api/v1/programmes/" + programId + "/eligible?size=100&page=" + page + filter,
                    token).body();
            body.get("items").forEach(item -> ids.add(item.get("actorId").asText()));
            if (body.get("items").isEmpty() || ids.size() >= body.get("total").asLong()) {
                return ids;
            }
        }
    }

    /**
     * A programme of the Marrakech-Safi region, then revised to Drâa-Tafilalet's: the list and the counts follow the
     * artisans registered, then move to the new version as a whole once it has been judged.
     */
    @Test
    void theEligibleListsAndCountsFollowRegistrationsAndRevisions() throws Exception {
        String programId = "REGION-AID-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        // For artisans only, so that the artisan search's totals are the expected counts: lists and counts hold
        // every kind of actor a programme is open to.
        Map<String, Object> definition = new java.util.HashMap<>(programme("regional aid",
                List.of(rule("marrakech-safi", "REGION_IN", "MA-07"), rule("active", "STATUS_IS", "ACTIVE"),
                        rule("artisans", "ACTOR_KIND_IN", "ARTISAN"))));
        definition.put("programId", programId);
        assertThat(api.post("/api/v1/programmes", admin, definition).status()).isEqualTo(201);
        long before = api.get("/api/v1/artisans?regionCode=MA-07&status=ACTIVE", analyst).body().get("total").asLong();
        JsonNode defined = awaitCount(programId, 1, before);
        assertThat(defined.get("total").asLong()).as(defined.toString()).isEqualTo(before);

        JsonNode activity = api.get("/api/v1/reference/activities", clerk).body().get("activities").get(0);
        String cin = "PL" + (100000 + (int) (Math.random() * 800000));
        Api.Reply registered = api.post("/api/v1/artisans", clerk, Api.artisan(cin, "MA-MAR", activity.get("code").asText()));
        assertThat(registered.status()).isEqualTo(201);
        String artisanId = registered.body().get("artisanId").asText();

        JsonNode counted = awaitCount(programId, 1, before + 1);
        assertThat(counted.get("total").asLong()).as(counted.toString()).isEqualTo(before + 1);
        assertThat(counted.get("groups")).hasSize(1);
        assertThat(counted.get("groups").get(0).get("key").get("regionCode").asText()).isEqualTo("MA-07");
        assertThat(counted.get("groups").get(0).get("count").asLong()).isEqualTo(before + 1);
        JsonNode statistics = api.get("/api/v1/statistics/actors?groupBy=eligibleFor,regionCode&eligibleFor="
                + programId, analyst).body();
        assertThat(statistics.get("total").asLong()).as(statistics.toString()).isEqualTo(before + 1);
        assertThat(statistics.get("groups")).singleElement().satisfies(group -> {
            assertThat(group.get("key").get("eligibleFor").asText()).isEqualTo(programId);
            assertThat(group.get("key").get("regionCode").asText()).isEqualTo("MA-07");
        });
        assertThat(api.get("/api/v1/statistics/actors?groupBy=eligibleFor&asOf=2025-01-01", analyst).status())
                .as("eligibility is counted for today only").isEqualTo(400);
        assertThat(api.get("/api/v1/statistics/actors?eligibleFor=NO-SUCH-PROGRAMME", analyst).status())
                .isEqualTo(400);
        // Lists and counts are read without minPosition: a page names an actor once its record is written too.
        assertThat(awaitAnswer(() -> eligibleIds(programId, clerk, "&provinceCode=MA-MAR"),
                ids -> ids.contains(artisanId))).contains(artisanId);
        assertThat(api.get("/api/v1/programmes/" + programId + "/eligible?regionCode=MA-08", clerk).status())
                .as("a clerk lists its own region only").isEqualTo(403);

        assertThat(api.send("PUT", "/api/v1/programmes/" + programId, admin, programme("moved to the oases",
                List.of(rule("draa-tafilalet", "REGION_IN", "MA-08"), rule("artisans", "ACTOR_KIND_IN", "ARTISAN"))))
                .status()).isEqualTo(200);
        long oases = api.get("/api/v1/artisans?regionCode=MA-08", analyst).body().get("total").asLong();
        JsonNode revised = awaitCount(programId, 2, oases);
        assertThat(revised.get("programVersion").asInt()).as(revised.toString()).isEqualTo(2);
        assertThat(revised.get("total").asLong()).isEqualTo(oases);
        assertThat(eligibleIds(programId, analyst, "")).doesNotContain(artisanId).hasSize((int) oases);
        JsonNode verdict = awaitVerdictVersion(artisanId, programId, 2);
        assertThat(verdict.get("eligible").asBoolean()).isFalse();

        Api.Reply unknown = api.get("/api/v1/programmes/NO-SUCH-PROGRAMME/eligible/count?groupBy=regionCode", analyst);
        assertThat(unknown.status()).isEqualTo(404);
        Api.Reply badGroup = api.get("/api/v1/programmes/" + programId + "/eligible/count?groupBy=gender", analyst);
        assertThat(badGroup.status()).isEqualTo(400);
        assertThat(badGroup.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void aCooperativeRegisteredOverTheApiIsToldWhichSeededProgrammesAreNotOpenToIt() {
        JsonNode activity = api.get("/api/v1/reference/activities", clerk).body().get("activities").get(0);
        Map<String, Object> cooperative = new java.util.HashMap<>(Api.artisan(
                "CP" + (100000 + (int) (Math.random() * 800000)), "MA-MAR", activity.get("code").asText()));
        cooperative.remove("activityCode");
        cooperative.remove("qualification");
        cooperative.put("activityCodes", List.of(activity.get("code").asText()));
        cooperative.put("name", Map.of("ar", "تعاونية الفخار", "fr", "Coopérative de la poterie"));
        Api.Reply registered = api.post("/api/v1/cooperatives", clerk, cooperative);
        assertThat(registered.status()).as(registered.body().toString()).isEqualTo(201);

        JsonNode verdicts = api.get("/api/v1/cooperatives/" + registered.body().get("cooperativeId").asText()
                + "/eligibility?minPosition=" + registered.body().get("position").asLong(), clerk).body();
        JsonNode amo = verdict(verdicts, "AMO-NON-TAXED");
        assertThat(amo.get("eligible").asBoolean()).isFalse();
        assertThat(amo.get("reasons")).anySatisfy(reason -> assertThat(reason.get("detail").get("fr").asText())
                .isEqualTo("programme non ouvert aux coopératives ; ouvert à : ARTISAN"));
        assertThat(verdict(verdicts, "ONCF").get("reasons").get(0).get("detail").get("fr").asText())
                .contains("ne s'applique pas à une coopérative");
    }

    @Test
    void aNewRegisterHoldsTheSeededProgrammes() {
        String programId = "SEED-PROBE-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        Map<String, Object> probe = new java.util.HashMap<>(programme("probe", List.of(rule("card", "HAS_VALID_CARD"))));
        probe.put("programId", programId);
        long position = api.post("/api/v1/programmes", admin, probe).body().get("position").asLong();

        JsonNode programmes = api.get("/api/v1/programmes?minPosition=" + position, clerk).body();
        assertThat(programmes).extracting(p -> p.get("programId").asText())
                .contains("AMO-NON-TAXED", "ONCF", "CTM", programId);
        JsonNode oncf = api.get("/api/v1/programmes/ONCF/versions", clerk).body();
        assertThat(oncf).hasSize(1);
        assertThat(oncf.get(0).get("recordedBy").asText()).isEqualTo("system");
        assertThat(oncf.get(0).get("reason").asText()).contains("2025-12-1");
    }
}
