package ma.crafts.register.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The shipped defaults reach every application, behind its own configuration. */
class PlatformDefaultsTest {

    @Configuration(proxyBeanMethods = false)
    static class Empty {
    }

    /** {@code properties} become the application's own default properties, the weakest it can set. */
    private static ConfigurableApplicationContext run(String... properties) {
        return new SpringApplicationBuilder(Empty.class).web(WebApplicationType.NONE).properties(properties).run();
    }

    @Test
    void defaultsApplyToAnyApplication() {
        try (ConfigurableApplicationContext context = run()) {
            Environment env = context.getEnvironment();
            assertThat(env.getProperty("axon.axonserver.enabled")).isEqualTo("false");
            assertThat(env.getProperty("axoniq.update-checker.disabled")).isEqualTo("true");
            assertThat(env.getProperty("axon.serializer.general")).isEqualTo("jackson");
            assertThat(env.getProperty("axon.serializer.events")).isEqualTo("jackson");
            assertThat(env.getProperty("axon.serializer.messages")).isEqualTo("jackson");
            assertThat(env.getProperty("server.servlet.encoding.charset")).isEqualTo("UTF-8");
            assertThat(env.getProperty("management.endpoints.web.exposure.include")).isEqualTo("health,info,prometheus");
            assertThat(env.getProperty("register.mongodb.database")).isEqualTo("register");
            assertThat(PlatformDefaultsEnvironmentPostProcessor.load()).as("dev tokens are never a default")
                    .doesNotContainKey("register.auth.mode");
            if (System.getenv("SERVER_PORT") == null && System.getenv("PORT") == null) {
                assertThat(env.getProperty("server.port")).isEqualTo("8080");
            }
            if (System.getenv("DATA_DIR") == null) {
                assertThat(env.getProperty("register.data-dir")).isEqualTo("./data");
            }
        }
    }

    @Test
    void applicationConfigurationWinsOverDefaults() {
        // src/test/resources/application.properties sets the memory backend and a 2KB body limit;
        // the application's default properties beat the platform's as well.
        try (ConfigurableApplicationContext context = run("register.privacy.key-cache-size=7")) {
            Environment env = context.getEnvironment();
            assertThat(env.getProperty("register.mongodb.embedded.backend")).isEqualTo("memory");
            assertThat(env.getProperty("register.http.max-body-size")).isEqualTo("2KB");
            assertThat(env.getProperty("register.privacy.key-cache-size")).isEqualTo("7");
        }
    }

    @Test
    void portFollowsServerPortThenPort() {
        try (ConfigurableApplicationContext context = run("PORT=9191")) {
            if (System.getenv("SERVER_PORT") == null) {
                assertThat(context.getEnvironment().getProperty("server.port")).isEqualTo("9191");
            }
        }
    }
}
