package ma.crafts.register.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A cooperative's and an enterprise's views follow their amendments, status changes and change of supervisor in one
 * process, each read by the clerk who made the change, with the command's {@code position} as {@code ?minPosition}.
 */
@SharedRegisterContext
class ActorLifecycleEndToEndTest {

    @LocalServerPort
    int port;

    @Test
    void theViewsFollowAmendmentsStatusAndSupervisor() {
        Api api = new Api(port);
        RegisterFixtures fixtures = RegisterFixtures.of(port);
        String clerk = api.token("clerk-actor-lifecycle", List.of("CHAMBER_CLERK"), RegisterFixtures.OWN_REGION);

        String cooperativeId = created(api.post("/api/v1/cooperatives", clerk,
                fixtures.cooperative(RegisterFixtures.freshCin())), "cooperativeId");
        String cooperative = "/api/v1/cooperatives/" + cooperativeId;
        JsonNode amended = read(api, cooperative, api.post(cooperative + "/amendments", clerk, Map.of(
                "name", Map.of("ar", "تعاونية الزربية الحوزية", "fr", "Coopérative du tapis du Haouz"),
                "address", "Douar Tameslohte 9", "reason", "assemblée générale")), clerk);
        assertThat(amended.get("name").get("fr").asText()).isEqualTo("Coopérative du tapis du Haouz");
        assertThat(amended.get("representative").get("address").asText()).isEqualTo("Douar Tameslohte 9");
        assertThat(amended.get("version").asLong()).isEqualTo(1);
        assertThat(read(api, cooperative, api.post(cooperative + "/suspension", clerk, null), clerk)
                .get("status").asText()).isEqualTo("SUSPENDED");

        String enterpriseId = created(api.post("/api/v1/enterprises", clerk,
                fixtures.enterprise(RegisterFixtures.freshCin())), "enterpriseId");
        String enterprise = "/api/v1/enterprises/" + enterpriseId;
        String successor = created(api.post("/api/v1/artisans", clerk,
                Api.artisan(RegisterFixtures.freshCin(), RegisterFixtures.PROVINCE, fixtures.activityCode)), "artisanId");
        assertThat(read(api, enterprise, api.post(enterprise + "/supervising-artisan", clerk,
                Map.of("artisanId", successor)), clerk).get("supervisingArtisanId").asText()).isEqualTo(successor);
        assertThat(read(api, enterprise, api.post(enterprise + "/amendments", clerk,
                Map.of("phone", "+212661234567")), clerk).get("representative").get("phone").asText())
                .isEqualTo("+212661234567");
        assertThat(read(api, enterprise, api.post(enterprise + "/striking-off", clerk, Map.of("reason", "dissolution")),
                clerk).get("status").asText()).isEqualTo("STRUCK_OFF");
        Api.Reply refused = api.post(enterprise + "/amendments", clerk, Map.of("phone", "+212661234568"));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body().get("rule").asText()).isEqualTo("enterprise-struck-off");
    }

    private static String created(Api.Reply reply, String idField) {
        assertThat(reply.status()).as(String.valueOf(reply.body())).isEqualTo(201);
        return reply.body().get(idField).asText();
    }

    /** {@code path} once the command that answered {@code after} (which must have succeeded) is applied. */
    private static JsonNode read(Api api, String path, Api.Reply after, String token) {
        assertThat(after.status()).as(String.valueOf(after.body())).isEqualTo(200);
        Api.Reply read = api.getAfter(path, after, token);
        assertThat(read.status()).as(path + " " + read.body()).isEqualTo(200);
        return read.body();
    }
}
