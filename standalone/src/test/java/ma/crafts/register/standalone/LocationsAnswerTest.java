package ma.crafts.register.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every {@code Location} the command side hands out answers 200 on the query side, in one process: a cooperative, an
 * enterprise, a professional body, an artisan and its card, each followed (with the command's {@code position} as
 * {@code ?minPosition}, for read-your-writes) by the caller who created it, and refused to a clerk of another region.
 */
@SharedRegisterContext
class LocationsAnswerTest {

    /** Essaouira: no other test of the shared application constitutes a body there, so this one can (one per branch). */
    private static final String PROVINCE = "MA-ESI";

    @LocalServerPort
    int port;

    @Test
    void everyLocationAnswers200ToItsCreator() {
        Api api = new Api(port);
        String clerk = api.token("clerk-locations", List.of("CHAMBER_CLERK"), "MA-07");
        String otherClerk = api.token("clerk-locations-rabat", List.of("CHAMBER_CLERK"), "MA-04");
        String admin = api.token("admin-locations", List.of("REGISTRY_ADMIN"), null);
        JsonNode activity = api.get("/api/v1/reference/activities", clerk).body().get("activities").get(0);
        String activityCode = activity.get("code").asText();

        Api.Reply artisan = created(api.post("/api/v1/artisans", clerk, Api.artisan("LC100001", PROVINCE, activityCode)));
        String artisanId = artisan.body().get("artisanId").asText();
        follow(api, artisan, clerk);

        Api.Reply card = created(api.post("/api/v1/artisans/" + artisanId + "/cards", clerk, Map.of()));
        String cardNumber = card.body().get("cardNumber").asText();
        JsonNode details = read(api, "/api/v1/cards/" + cardNumber, card, clerk);
        assertThat(details.get("statusHistory").get(0).get("status").asText()).isEqualTo("VALID");
        // The card's Location is its public check, where nobody waits for a position: read after the wait above.
        Api.Reply check = api.get(card.header("Location"), null);
        assertThat(check.status()).isEqualTo(200);
        assertThat(check.body().get("valid").asBoolean()).isTrue();
        assertThat(api.get("/api/v1/cards/" + cardNumber, otherClerk).status()).isEqualTo(403);

        Map<String, Object> cooperative = new HashMap<>(Api.artisan("LC100002", PROVINCE, activityCode));
        cooperative.remove("qualification");
        cooperative.remove("activityCode");
        cooperative.put("activityCodes", List.of(activityCode));
        cooperative.put("name", Map.of("ar", "تعاونية الفخار", "fr", "Coopérative de la poterie"));
        Api.Reply registeredCooperative = created(api.post("/api/v1/cooperatives", clerk, cooperative));
        JsonNode cooperativeView = follow(api, registeredCooperative, clerk);
        assertThat(cooperativeView.get("representative").get("cin").asText()).isEqualTo("LC100002");
        assertThat(api.get(registeredCooperative.header("Location"), otherClerk).status()).isEqualTo(403);

        Api.Reply enterprise = created(api.post("/api/v1/enterprises", clerk,
                Api.enterprise("LC100003", PROVINCE, activityCode, artisanId)));
        assertThat(follow(api, enterprise, clerk).get("supervisingArtisanId").asText()).isEqualTo(artisanId);

        Api.Reply body = created(api.post("/api/v1/professional-bodies", admin, Map.of("level", "PROVINCIAL",
                "branchCode", activity.get("branchCode").asText(), "territoryCode", PROVINCE,
                "name", Map.of("ar", "هيئة الصناع التقليديين", "fr", "Corporation des artisans"))));
        JsonNode bodyView = follow(api, body, admin);
        assertThat(bodyView.get("territoryCode").asText()).isEqualTo(PROVINCE);
        Api.Reply joined = api.post("/api/v1/artisans/" + artisanId + "/memberships", clerk,
                Map.of("bodyId", body.body().get("bodyId").asText()));
        assertThat(joined.status()).as(String.valueOf(joined.body())).isEqualTo(201);
        JsonNode members = read(api, body.header("Location"), joined, clerk).get("members");
        assertThat(members.get("items").get(0).get("artisanId").asText()).isEqualTo(artisanId);
        JsonNode listed = read(api, "/api/v1/professional-bodies?branchCode=" + activity.get("branchCode").asText()
                + "&territoryCode=" + PROVINCE, joined, clerk);
        assertThat(listed.get("items").get(0).get("bodyId").asText()).isEqualTo(body.body().get("bodyId").asText());

        // The lookup takes no minPosition; the artisan's view waits on the same processor.
        read(api, "/api/v1/artisans/" + artisanId, joined, clerk);
        Api.Reply lookup = api.get("/api/v1/artisans/lookup?cin=LC100001", clerk);
        assertThat(lookup.status()).isEqualTo(200);
        assertThat(lookup.body().get("artisanId").asText()).isEqualTo(artisanId);
    }

    private static Api.Reply created(Api.Reply reply) {
        assertThat(reply.status()).as(String.valueOf(reply.body())).isEqualTo(201);
        assertThat(reply.header("Location")).isNotBlank();
        return reply;
    }

    /** GETs the reply's Location once the read side has applied the command's position. */
    private static JsonNode follow(Api api, Api.Reply reply, String token) {
        return read(api, reply.header("Location"), reply, token);
    }

    private static JsonNode read(Api api, String path, Api.Reply after, String token) {
        Api.Reply read = api.getAfter(path, after, token);
        assertThat(read.status()).as(path + " " + read.body()).isEqualTo(200);
        return read.body();
    }
}
