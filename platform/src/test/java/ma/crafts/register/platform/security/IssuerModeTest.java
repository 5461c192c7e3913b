package ma.crafts.register.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import ma.crafts.register.platform.PlatformProperties.AuthMode;
import ma.crafts.register.platform.PlatformStartupException;
import ma.crafts.register.platform.testapp.Http;
import ma.crafts.register.platform.testapp.PlatformTestApplication;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/** Production mode: tokens come from an external issuer, and the dev token endpoint does not exist. */
@SpringBootTest(classes = PlatformTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"register.auth.mode=issuer",
                // Nothing listens there; no request in this test gets as far as fetching keys.
                "spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://127.0.0.1:9/jwks"})
@ExtendWith(OutputCaptureExtension.class)
class IssuerModeTest {
    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void devTokenEndpointIs404() {
        Http.Response response = http.postJson("/api/v1/dev/tokens", null, "{\"subject\":\"x\",\"roles\":[\"AUDITOR\"]}");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("type").asText()).isEqualTo("/problems/not-found");
        assertThat(context.getBeanNamesForType(DevTokenIssuer.class)).isEmpty();
        assertThat(context.getBeanNamesForType(DevTokenController.class)).isEmpty();
    }

    @Test
    void requestsStillNeedATokenAndDevTokensAreRejected() {
        assertThat(http.get("/api/v1/test/whoami", null).status()).isEqualTo(401);
        String selfSigned = new DevTokenIssuer(null, Duration.ofMinutes(5), Clock.systemUTC())
                .issue("intruder", List.of(Role.REGISTRY_ADMIN), null).token();
        Http.Response response = http.get("/api/v1/test/whoami", selfSigned);
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("type").asText()).isEqualTo("/problems/unauthenticated");
    }

    @Test
    void issuerModeWithoutAnIssuerFailsToStart(CapturedOutput output) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(PlatformTestApplication.class)
                .run("--register.auth.mode=issuer", "--server.port=0"))
                .satisfies(e -> {
                    Throwable t = e;
                    while (t != null && !(t instanceof PlatformStartupException)) {
                        t = t.getCause();
                    }
                    assertThat(t).isNotNull();
                });
        assertThat(output).contains("register.auth.mode is issuer but no JWT issuer is configured")
                .contains("spring.security.oauth2.resourceserver.jwt.issuer-uri");
    }

    @Test
    void withNoModeSet_theRegisterWantsAnIssuer_evenOnTheEmbeddedMongodb_andSaysHowToRunLocally(CapturedOutput output) {
        // The test configuration sets dev; an empty value is what leaves the mode unset here.
        assertThatThrownBy(() -> new SpringApplicationBuilder(PlatformTestApplication.class)
                .run("--register.auth.mode=", "--server.port=0"))
                .isNotNull();
        assertThat(output).contains("register.auth.mode is issuer (the default) but no JWT issuer is configured")
                .contains("deploy/run-local.sh").contains("REGISTER_AUTH_MODE=dev");
    }

    @Test
    void anExplicitModeWins_andUnsetIsIssuer() {
        assertThat(AuthMode.orIssuer(null)).isEqualTo(AuthMode.ISSUER);
        assertThat(AuthMode.orIssuer(AuthMode.DEV)).isEqualTo(AuthMode.DEV);
        assertThat(AuthMode.orIssuer(AuthMode.ISSUER)).isEqualTo(AuthMode.ISSUER);
    }
}
