package ma.crafts.register.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoDatabase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The first slice a chamber uses, over real HTTP on the embedded MongoDB: register, card, body, join, then the view,
 * history, eligibility, search and public verification, with read-your-writes through {@code minPosition}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "register.auth.mode=dev", "register.mongodb.embedded.backend=memory", "register.mongodb.embedded.port=0"})
class RegisterEndToEndTest {
    @LocalServerPort
    int port;
    @Autowired
    MongoDatabase database;

    Api api;
    String clerk;
    String admin;
    String auditor;
    String analyst;
    String otherRegionClerk;
    JsonNode activity;

    @BeforeEach
    void tokens() {
        api = new Api(port);
        clerk = api.token("clerk-marrakech", List.of("CHAMBER_CLERK"), "MA-07");
        otherRegionClerk = api.token("clerk-fes", List.of("CHAMBER_CLERK"), "MA-03");
        admin = api.token("admin", List.of("REGISTRY_ADMIN"), null);
        auditor = api.token("auditor", List.of("AUDITOR"), null);
        analyst = api.token("analyst", List.of("MINISTRY_ANALYST"), null);
        activity = api.get("/api/v1/reference/activities", clerk).body().get("activities").get(0);
    }

    @Test
    void registerIssueCardConstituteJoin_thenViewHistoryEligibilityAndVerification() {
        Instant beforeRegistration = Instant.now();
        Api.Reply registered = api.post("/api/v1/artisans", clerk, Api.artisan("EE123456", "MA-MAR", activity.get("code").asText()));
        assertThat(registered.status()).as(String.valueOf(registered.body())).isEqualTo(201);
        String artisanId = registered.body().get("artisanId").asText();
        assertThat(registered.header("Location")).isEqualTo("/api/v1/artisans/" + artisanId);
        assertThat(registered.body().get("status").asText()).isEqualTo("ACTIVE");
        assertThat(registered.body().get("nia").asText()).isNotBlank();
        assertThat(registered.body().get("version").asLong()).isZero();

        Api.Reply card = api.post("/api/v1/artisans/" + artisanId + "/cards", clerk, Map.of());
        assertThat(card.status()).as(String.valueOf(card.body())).isEqualTo(201);
        String cardNumber = card.body().get("cardNumber").asText();
        Instant afterCard = Instant.now();

        Api.Reply body = api.post("/api/v1/professional-bodies", admin, Map.of("level", "PROVINCIAL",
                "branchCode", activity.get("branchCode").asText(), "territoryCode", "MA-MAR",
                "name", Map.of("ar", "الهيئة الإقليمية", "fr", "Corporation provinciale de Marrakech")));
        assertThat(body.status()).as(String.valueOf(body.body())).isEqualTo(201);
        String bodyId = body.body().get("bodyId").asText();

        Api.Reply joined = api.post("/api/v1/artisans/" + artisanId + "/memberships", clerk, Map.of("bodyId", bodyId));
        assertThat(joined.status()).as(String.valueOf(joined.body())).isEqualTo(201);
        long position = joined.body().get("position").asLong();
        assertThat(joined.body().get("version").asLong()).isEqualTo(2);

        JsonNode view = api.get("/api/v1/artisans/" + artisanId + "?minPosition=" + position, clerk).body();
        assertThat(view.get("firstName").get("ar").asText()).isEqualTo("فاطمة");
        assertThat(view.get("lastName").get("ar").asText()).isEqualTo("الزهراء");
        assertThat(view.get("regionCode").asText()).isEqualTo("MA-07");
        assertThat(view.get("card").get("cardNumber").asText()).isEqualTo(cardNumber);
        assertThat(view.get("card").get("status").asText()).isEqualTo("VALID");
        assertThat(view.get("memberships").get(0).get("bodyId").asText()).isEqualTo(bodyId);
        assertThat(view.get("version").asLong()).isEqualTo(2);

        JsonNode asOf = api.get("/api/v1/artisans/" + artisanId + "?asOf=" + afterCard, auditor).body();
        assertThat(asOf.get("card").get("cardNumber").asText()).isEqualTo(cardNumber);
        assertThat(asOf.path("memberships")).isEmpty();
        assertThat(api.get("/api/v1/artisans/" + artisanId + "?asOf=" + beforeRegistration, auditor).status()).isEqualTo(404);

        JsonNode history = api.get("/api/v1/artisans/" + artisanId + "/history?minPosition=" + position, auditor).body()
                .get("items");
        assertThat(history).hasSize(3);
        assertThat(history.get(0).get("recordedBy").asText()).isEqualTo("clerk-marrakech");
        assertThat(history.get(0).get("chamber").asText()).isEqualTo("MA-07");
        assertThat(history.get(0).toString()).contains("فاطمة");
        assertThat(history.get(2).get("position").asLong()).isEqualTo(position);
        String clerkHistory = api.get("/api/v1/artisans/" + artisanId + "/history", clerk).body().toString();
        assertThat(clerkHistory).as("the region's clerk: personal data in a history is the auditor's only")
                .doesNotContain("فاطمة").doesNotContain("EE123456");
        String analystHistory = api.get("/api/v1/artisans/" + artisanId + "/history", analyst).body().toString();
        assertThat(analystHistory).doesNotContain("فاطمة").doesNotContain("EE123456");

        JsonNode eligibility = api.get("/api/v1/artisans/" + artisanId + "/eligibility", analyst).body();
        assertThat(eligibility.size()).isGreaterThanOrEqualTo(3);
        for (JsonNode programme : eligibility) {
            assertThat(programme.get("reasons")).isNotEmpty();
        }
        assertThat(StreamSupport.stream(eligibility.spliterator(), false).anyMatch(p -> p.get("eligible").asBoolean())).isTrue();

        Api.Reply verification = api.get("/api/v1/cards/" + cardNumber + "/verification", null);
        assertThat(verification.status()).isEqualTo(200);
        assertThat(verification.body().get("valid").asBoolean()).isTrue();
        assertThat(verification.body().toString()).doesNotContain("Fatima").doesNotContain("EE123456");

        JsonNode search = api.get("/api/v1/artisans?regionCode=MA-07&status=ACTIVE&page=0&size=20", clerk).body();
        assertThat(search.get("total").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(search.get("items").toString()).contains(artisanId);

        assertThat(api.get("/api/v1/artisans/" + artisanId, otherRegionClerk).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/artisans/" + artisanId + "/cards", otherRegionClerk, Map.of()).status()).isEqualTo(403);
    }

    @Test
    void rejectedRequests_storeNothing_andAnswerWithProblemJson() {
        Api.Reply registered = api.post("/api/v1/artisans", clerk, Api.artisan("JK77881", "MA-MAR", activity.get("code").asText()));
        String artisanId = registered.body().get("artisanId").asText();
        api.post("/api/v1/artisans/" + artisanId + "/cards", clerk, Map.of());
        long eventsBefore = storedEvents();

        Api.Reply secondCard = api.post("/api/v1/artisans/" + artisanId + "/cards", clerk, Map.of());
        assertThat(secondCard.status()).isEqualTo(409);
        assertThat(secondCard.header("Content-Type")).startsWith("application/problem+json");
        assertThat(secondCard.body().get("type").asText()).isEqualTo("/problems/rule-violation");

        Api.Reply badCin = api.post("/api/v1/artisans", clerk, Api.artisan("123-ABC", "MA-MAR", activity.get("code").asText()));
        assertThat(badCin.status()).isEqualTo(400);
        assertThat(badCin.body().get("type").asText()).isEqualTo("/problems/validation");
        assertThat(badCin.body().get("errors")).isNotEmpty();

        Api.Reply duplicate = api.post("/api/v1/artisans", clerk, Api.artisan("jk77881", "MA-MAR", activity.get("code").asText()));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.body().get("type").asText()).isEqualTo("/problems/duplicate-cin");

        Api.Reply otherRegion = api.post("/api/v1/artisans", clerk, Api.artisan("ZZ1", "MA-FES", activity.get("code").asText()));
        assertThat(otherRegion.status()).isEqualTo(403);
        assertThat(api.post("/api/v1/artisans", auditor, Api.artisan("ZZ2", "MA-MAR", activity.get("code").asText())).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/artisans", null, Api.artisan("ZZ3", "MA-MAR", activity.get("code").asText())).status()).isEqualTo(401);

        assertThat(storedEvents()).isEqualTo(eventsBefore);
    }

    private long storedEvents() {
        return StoreSnapshot.events(database);
    }
}
