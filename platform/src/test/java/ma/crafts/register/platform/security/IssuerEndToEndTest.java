package ma.crafts.register.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ma.crafts.register.platform.testapp.Http;
import ma.crafts.register.platform.testapp.PlatformTestApplication;
import ma.crafts.register.testissuer.TestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issuer mode against a real OpenID Connect issuer started here ({@link TestIssuer}, Spring Authorization Server):
 * the register discovers it from its issuer URI, verifies its tokens with the published keys, reads the role and region
 * claims, refuses tokens minted for another audience or for a client it does not name, and follows a key rotation:
 * tokens of the new key are accepted, those of the withdrawn one refused, remembered or not.
 */
class IssuerEndToEndTest {
    private static final String CHAMBER = "chamber-marrakech";
    private static final String OTHER_SERVICE = "payroll";
    private static final String STRANGER = "stranger";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static TestIssuer issuer;
    private static ConfigurableApplicationContext register;
    private static Http http;

    @BeforeAll
    static void start() {
        issuer = TestIssuer.start(
                new TestIssuer.Client(CHAMBER, "crafts-register", List.of("CHAMBER_CLERK"), "MA-07"),
                new TestIssuer.Client(OTHER_SERVICE, "payroll-service", List.of("REGISTRY_ADMIN"), null),
                new TestIssuer.Client(STRANGER, "crafts-register", List.of("REGISTRY_ADMIN"), null));
        // Arguments, not default properties: the test application.properties sets dev mode and would win over those.
        register = new SpringApplicationBuilder(PlatformTestApplication.class).run("--server.port=0",
                "--register.auth.mode=issuer",
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuer.uri(),
                "--register.auth.authorized-parties=" + CHAMBER + "," + OTHER_SERVICE);
        http = new Http(((WebServerApplicationContext) register).getWebServer().getPort());
    }

    @AfterAll
    static void stop() {
        if (register != null) {
            register.close();
        }
        if (issuer != null) {
            issuer.close();
        }
    }

    @Test
    void clientCredentialsTokenFromTheIssuerCallsThroughWithItsRoleAndRegion() {
        Http.Response whoami = http.get("/api/v1/test/whoami", token(CHAMBER));
        assertThat(whoami.status()).as(whoami.body()).isEqualTo(200);
        assertThat(whoami.json().get("subject").asText()).isEqualTo(CHAMBER);
        assertThat(whoami.json().get("region").asText()).isEqualTo("MA-07");
        assertThat(whoami.json().get("roles").toString()).contains("CHAMBER_CLERK");
    }

    @Test
    void tokenMintedForAnotherAudienceIsRefused() {
        Http.Response response = http.get("/api/v1/test/whoami", token(OTHER_SERVICE));
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("type").asText()).isEqualTo("/problems/unauthenticated");
    }

    @Test
    void tokenOfAClientTheRegisterDoesNotNameIsRefused() {
        Http.Response response = http.get("/api/v1/test/whoami", token(STRANGER));
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("type").asText()).isEqualTo("/problems/unauthenticated");
    }

    @Test
    void afterTheIssuerRotatesItsKeyNewTokensAreAcceptedAndTokensOfTheWithdrawnKeyRefused() throws Exception {
        String before = token(CHAMBER);
        assertThat(http.get("/api/v1/test/whoami", before).status()).isEqualTo(200);
        String newKey = issuer.rotateKey();

        String after = token(CHAMBER);
        assertThat(keyId(after)).isEqualTo(newKey).isNotEqualTo(keyId(before));
        Http.Response response = http.get("/api/v1/test/whoami", after);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("subject").asText()).isEqualTo(CHAMBER);

        // Still unexpired and accepted a moment ago, but its key is no longer published.
        Http.Response withdrawn = http.get("/api/v1/test/whoami", before);
        assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(401);
        assertThat(withdrawn.json().get("type").asText()).isEqualTo("/problems/unauthenticated");
    }

    private static String keyId(String jwt) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.substring(0, jwt.indexOf('.')))).get("kid").asText();
    }

    /** A client-credentials grant, as a chamber's back office would make it. */
    private static String token(String clientId) {
        try {
            String basic = Base64.getEncoder().encodeToString((clientId + ":" + TestIssuer.secret(clientId))
                    .getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(issuer.uri() + "/oauth2/token"))
                            .header("Authorization", "Basic " + basic)
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode body = JSON.readTree(response.body());
            return body.get("access_token").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
