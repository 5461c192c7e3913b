package ma.crafts.register.query.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import ma.crafts.register.platform.PlatformProperties;
import ma.crafts.register.query.dashboard.DashboardConfigController.DashboardConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** How the page is told to sign in, in each authentication mode. */
class DashboardConfigControllerTest {

    @Test
    void devModeSignsInWithDevelopmentTokensEvenWhenAnIssuerIsNamed() {
        DashboardConfig config = config("dev", "https://issuer.example/realms/register", "dashboard");
        assertThat(config.signIn()).isEqualTo("dev");
    }

    @Test
    void issuerModeSignsInAtTheIssuerForTheConfiguredClient() {
        DashboardConfig config = config("issuer", " https://issuer.example/realms/register ", "dashboard");
        assertThat(config.signIn()).isEqualTo("oidc");
        assertThat(config.issuer()).isEqualTo("https://issuer.example/realms/register");
        assertThat(config.clientId()).isEqualTo("dashboard");
    }

    @Test
    void issuerModeWithoutTheDashboardsClientOffersNoSignIn() {
        assertThat(config("issuer", "https://issuer.example/realms/register", "").signIn()).isEqualTo("none");
        assertThat(config("issuer", "", "dashboard").signIn()).isEqualTo("none");
    }

    private static DashboardConfig config(String mode, String issuer, String clientId) {
        PlatformProperties platform = new Binder(new MapConfigurationPropertySource(Map.of("register.auth.mode", mode)))
                .bindOrCreate("register", PlatformProperties.class);
        return new DashboardConfigController(platform, issuer, clientId, new RequestMappingHandlerMapping()).config();
    }
}
