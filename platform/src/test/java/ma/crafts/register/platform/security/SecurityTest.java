package ma.crafts.register.platform.security;

import static ma.crafts.register.platform.testapp.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import ma.crafts.register.platform.testapp.Http;
import ma.crafts.register.platform.testapp.WebTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class SecurityTest extends WebTestBase {

    @Test
    void noTokenIs401ProblemWithBearerChallenge() {
        Http.Response response = http.get("/api/v1/test/whoami", null);
        assertProblem(response, 401, "/problems/unauthenticated");
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(response.json().get("instance").asText()).isEqualTo("/api/v1/test/whoami");
    }

    @Test
    void garbageOrForgedTokenIs401() {
        Http.Response garbage = http.get("/api/v1/test/whoami", "not-a-jwt");
        assertProblem(garbage, 401, "/problems/unauthenticated");
        assertThat(garbage.header("WWW-Authenticate")).contains("invalid_token");

        String token = http.token("clerk-1", "MA-07", "CHAMBER_CLERK");
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        assertProblem(http.get("/api/v1/test/whoami", forged), 401, "/problems/unauthenticated");
    }

    @Test
    void devTokenCarriesSubjectRolesAndRegion() {
        String token = http.token("clerk-7", "MA-07", "CHAMBER_CLERK");
        Http.Response response = http.get("/api/v1/test/whoami", token);
        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.get("subject").asText()).isEqualTo("clerk-7");
        assertThat(body.get("roles").get(0).asText()).isEqualTo("CHAMBER_CLERK");
        assertThat(body.get("region").asText()).isEqualTo("MA-07");
        assertThat(body.get("chamber").asText()).isEqualTo("MA-07");
        assertThat(body.get("personalData").asBoolean()).isFalse();
    }

    @Test
    void devTokenResponseHasTokenAndExpiry() {
        Http.Response response = http.postJson("/api/v1/dev/tokens", null,
                "{\"subject\":\"auditor-1\",\"roles\":[\"AUDITOR\"]}");
        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().get("token").asText()).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
        assertThat(response.json().get("expiresAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        JsonNode me = http.get("/api/v1/test/whoami", response.json().get("token").asText()).json();
        assertThat(me.get("chamber").asText()).isEqualTo("MA");
        assertThat(me.get("personalData").asBoolean()).isTrue();
    }

    @Test
    void devTokenRequestIsValidated() {
        Http.Response blank = http.postJson("/api/v1/dev/tokens", null, "{\"subject\":\" \",\"roles\":[]}");
        assertProblem(blank, 400, "/problems/validation");
        assertThat(blank.json().get("errors").findValuesAsText("field")).containsExactly("subject", "roles");

        Http.Response unknownRole = http.postJson("/api/v1/dev/tokens", null,
                "{\"subject\":\"x\",\"roles\":[\"AUDITOR\",\"SUPERUSER\"]}");
        assertProblem(unknownRole, 400, "/problems/validation");
        assertThat(unknownRole.json().get("errors").findValuesAsText("field")).containsExactly("roles[1]");

        Http.Response clerkWithoutRegion = http.postJson("/api/v1/dev/tokens", null,
                "{\"subject\":\"x\",\"roles\":[\"CHAMBER_CLERK\"]}");
        assertProblem(clerkWithoutRegion, 400, "/problems/validation");
        assertThat(clerkWithoutRegion.json().get("errors").findValuesAsText("field")).containsExactly("region");

        Http.Response badRegion = http.postJson("/api/v1/dev/tokens", null,
                "{\"subject\":\"x\",\"roles\":[\"CHAMBER_CLERK\"],\"region\":\"MA-13\"}");
        assertProblem(badRegion, 400, "/problems/validation");
    }

    @Test
    void wrongRoleIs403Problem() {
        String analyst = http.token("analyst-1", null, "MINISTRY_ANALYST");
        assertProblem(http.get("/api/v1/test/auditor-only", analyst), 403, "/problems/forbidden");
        assertThat(http.get("/api/v1/test/auditor-only", http.token("aud", null, "AUDITOR")).status()).isEqualTo(200);
    }

    @Test
    void methodSecurityDenialIs403Problem() {
        String clerk = http.token("clerk-1", "MA-01", "CHAMBER_CLERK");
        assertProblem(http.get("/api/v1/test/admin-only", clerk), 403, "/problems/forbidden");
        assertThat(http.get("/api/v1/test/admin-only", http.token("admin", null, "REGISTRY_ADMIN")).status()).isEqualTo(200);
    }

    @Test
    void clerkWritesOnlyInOwnRegion() {
        String clerk = http.token("clerk-7", "MA-07", "CHAMBER_CLERK");
        assertThat(http.postJson("/api/v1/test/regions/MA-07/writes", clerk, "{}").status()).isEqualTo(201);
        Http.Response other = http.postJson("/api/v1/test/regions/MA-06/writes", clerk, "{}");
        assertProblem(other, 403, "/problems/forbidden");
        assertThat(other.json().get("detail").asText()).contains("MA-07").contains("MA-06");
        String auditor = http.token("aud", null, "AUDITOR");
        assertProblem(http.postJson("/api/v1/test/regions/MA-07/writes", auditor, "{}"), 403, "/problems/forbidden");
    }

    @Test
    void openPathsNeedNoToken() {
        Http.Response verification = http.get("/api/v1/cards/C-123/verification", null);
        assertThat(verification.status()).isEqualTo(200);
        assertThat(verification.json().get("authenticated").asBoolean()).isFalse();
        assertThat(http.get("/actuator/health", null).status()).isEqualTo(200);
        assertThat(http.get("/actuator/health/liveness", null).status()).isEqualTo(200);
        // The probes deploy/k8s points its Deployments at (management.endpoint.health.probes.enabled).
        assertThat(http.get("/actuator/health/readiness", null).status()).isEqualTo(200);
        assertThat(http.get("/v3/api-docs", null).status()).isEqualTo(200);
        assertThat(http.get("/swagger-ui.html", null).status()).isIn(200, 302);
        // Only GET is open on the verification path.
        assertProblem(http.postJson("/api/v1/cards/C-123/verification", null, "{}"), 401, "/problems/unauthenticated");
    }

    @Test
    void aStaleTokenDoesNotCloseAnOpenPath() {
        String stale = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJwYXJ0bmVyIn0.bm90LWEtc2lnbmF0dXJl";
        Http.Response verification = http.get("/api/v1/cards/C-123/verification", stale);
        assertThat(verification.status()).isEqualTo(200);
        assertThat(verification.json().get("authenticated").asBoolean()).isFalse();
        assertThat(http.get("/v3/api-docs", stale).status()).isEqualTo(200);
        assertThat(http.get("/v3/api-docs.yaml", null).status()).isEqualTo(200);
        assertProblem(http.get("/api/v1/test/whoami", stale), 401, "/problems/unauthenticated");
    }

    @Test
    void everythingElseNeedsAToken() {
        assertProblem(http.get("/api/v1/anything-unknown", null), 401, "/problems/unauthenticated");
        assertProblem(http.get("/actuator/prometheus", null), 401, "/problems/unauthenticated");
        assertProblem(http.get("/actuator/info", null), 401, "/problems/unauthenticated");
    }

    @Test
    void healthShowsMongoDetailsOnlyToAdmins() {
        JsonNode anonymous = http.get("/actuator/health", null).json();
        assertThat(anonymous.get("status").asText()).isEqualTo("UP");
        assertThat(anonymous.has("components")).isFalse();
        JsonNode admin = http.get("/actuator/health", http.token("admin", null, "REGISTRY_ADMIN")).json();
        assertThat(admin.at("/components/mongo/status").asText()).isEqualTo("UP");
        assertThat(admin.at("/components/mongo/details/database").asText()).isEqualTo("register");
    }

    @Test
    void actuatorBeyondHealthIsForAdministratorsAndTheScrapeTokenOpensMetricsOnly() {
        String clerk = http.token("clerk", "MA-07", "CHAMBER_CLERK");
        assertProblem(http.get("/actuator/prometheus", clerk), 403, "/problems/forbidden");
        assertProblem(http.get("/actuator/info", clerk), 403, "/problems/forbidden");
        assertThat(http.get("/actuator/info", http.token("admin", null, "REGISTRY_ADMIN")).status()).isEqualTo(200);

        String scrapeToken = "test-only-scrape-token-0123456789abcdef";
        assertThat(http.get("/actuator/prometheus", scrapeToken).status()).isEqualTo(200);
        assertProblem(http.get("/actuator/info", scrapeToken), 401, "/problems/unauthenticated");
        assertProblem(http.get("/api/v1/test/whoami", scrapeToken), 401, "/problems/unauthenticated");
        assertProblem(http.get("/actuator/prometheus", scrapeToken + "x"), 401, "/problems/unauthenticated");
    }

    @Test
    void prometheusIsExposedToAuthenticatedCallersWithMongoDriverMetrics() {
        String admin = http.token("admin", null, "REGISTRY_ADMIN");
        http.get("/actuator/health", admin);
        Http.Response metrics = http.get("/actuator/prometheus", admin);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("mongodb_driver_commands_seconds");
    }

    @Test
    void requestLatencyIsExportedAsHistogramBucketsForAlerts() {
        String admin = http.token("admin", null, "REGISTRY_ADMIN");
        http.get("/api/v1/test/whoami", admin);
        String metrics = http.get("/actuator/prometheus", admin).body();
        assertThat(metrics).containsPattern("http_server_requests_seconds_bucket\\{[^}]*le=\"0\\.05\\d*\"")
                .containsPattern("http_server_requests_seconds_bucket\\{[^}]*le=\"\\+Inf\"");
    }

    @Test
    void noSessionIsCreated() {
        Http.Response response = http.get("/api/v1/test/whoami", http.token("aud", null, "AUDITOR"));
        assertThat(response.header("Set-Cookie")).isNull();
    }

    @Autowired
    DevTokenIssuer issuer;

    @Test
    void tokenWithoutSubjectIs401() {
        String token = issuer.issue(" ", List.of(Role.AUDITOR), null).token();
        assertProblem(http.get("/api/v1/test/whoami", token), 401, "/problems/unauthenticated");
    }
}
