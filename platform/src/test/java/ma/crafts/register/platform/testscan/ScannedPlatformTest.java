package ma.crafts.register.platform.testscan;

import static org.assertj.core.api.Assertions.assertThat;

import ma.crafts.register.platform.problem.ProblemExceptionHandler;
import ma.crafts.register.platform.security.DevTokenController;
import ma.crafts.register.platform.testapp.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.context.ApplicationContext;

@SpringBootTest(classes = ScanningTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ScannedPlatformTest {
    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;

    @Test
    void platformComponentsExistOnceAndWork() {
        assertThat(context.getBeanNamesForType(DevTokenController.class)).hasSize(1);
        assertThat(context.getBeanNamesForType(ProblemExceptionHandler.class)).hasSize(1);
        assertThat(context.getBeanNamesForType(ErrorController.class)).hasSize(1);
        Http http = new Http(port);
        String token = http.token("admin", null, "REGISTRY_ADMIN");
        Http.Response unknown = http.get("/api/v1/nowhere", token);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("type").asText()).isEqualTo("/problems/not-found");
    }
}
