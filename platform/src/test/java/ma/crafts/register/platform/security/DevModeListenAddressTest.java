package ma.crafts.register.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ma.crafts.register.platform.PlatformStartupException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/** Dev mode hands out tokens for any role, so it listens on loopback only unless remote access is asked for. */
class DevModeListenAddressTest {

    @Configuration(proxyBeanMethods = false)
    static class Empty {
    }

    private static ConfigurableApplicationContext run(String... arguments) {
        return new SpringApplicationBuilder(Empty.class).web(WebApplicationType.NONE).run(arguments);
    }

    @Test
    void devModeWithNoAddressListensOnLoopback() {
        try (ConfigurableApplicationContext context = run("--register.auth.mode=dev")) {
            assertThat(context.getEnvironment().getProperty("server.address")).isEqualTo("127.0.0.1");
        }
        try (ConfigurableApplicationContext context = run("--register.auth.mode=dev", "--server.address=::1")) {
            assertThat(context.getEnvironment().getProperty("server.address")).isEqualTo("::1");
        }
    }

    @Test
    void devModeRefusesANonLoopbackAddressUnlessRemoteAccessIsAllowed() {
        assertThatThrownBy(() -> run("--register.auth.mode=dev", "--server.address=0.0.0.0"))
                .isInstanceOf(PlatformStartupException.class)
                .hasMessageContaining("0.0.0.0")
                .satisfies(e -> assertThat(((PlatformStartupException) e).action())
                        .contains("REGISTER_DEV_ALLOW_REMOTE=true"));
        try (ConfigurableApplicationContext context = run("--register.auth.mode=dev", "--server.address=0.0.0.0",
                "--register.auth.dev-allow-remote=true")) {
            assertThat(context.getEnvironment().getProperty("server.address")).isEqualTo("0.0.0.0");
        }
    }

    @Test
    void issuerModeLeavesTheAddressAlone() {
        try (ConfigurableApplicationContext context = run("--register.auth.mode=issuer")) {
            assertThat(context.getEnvironment().getProperty("server.address")).isNull();
        }
    }
}
