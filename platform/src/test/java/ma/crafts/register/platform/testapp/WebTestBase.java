package ma.crafts.register.platform.testapp;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** One running test service shared (through Spring's context cache) by every web test. */
@AutoConfigureObservability(tracing = false)
@SpringBootTest(classes = PlatformTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class WebTestBase {
    @LocalServerPort
    protected int port;
    protected Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }
}
