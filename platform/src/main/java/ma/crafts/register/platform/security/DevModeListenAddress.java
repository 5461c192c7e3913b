package ma.crafts.register.platform.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

import ma.crafts.register.platform.PlatformDefaultsEnvironmentPostProcessor;
import ma.crafts.register.platform.PlatformProperties.AuthMode;
import ma.crafts.register.platform.PlatformStartupException;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * In dev mode anyone who reaches the port can mint a token for any role, so the server listens on loopback only: an
 * unset {@code server.address} becomes 127.0.0.1, and a non-loopback one stops the start, unless
 * {@code REGISTER_DEV_ALLOW_REMOTE=true} ({@code register.auth.dev-allow-remote}) says the exposure is meant.
 */
public class DevModeListenAddress implements EnvironmentPostProcessor, Ordered {
    public static final String PROPERTY_SOURCE_NAME = "crafts-register-dev-mode-loopback";
    static final String LOOPBACK = "127.0.0.1";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (AuthModeConditions.mode(environment) != AuthMode.DEV) {
            return;
        }
        Binder binder = Binder.get(environment);
        if (binder.bind("register.auth.dev-allow-remote", Boolean.class).orElse(false)) {
            return;
        }
        String address = environment.getProperty("server.address");
        if (address == null || address.isBlank()) {
            environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME,
                    Map.of("server.address", LOOPBACK)));
        } else if (!isLoopback(address.trim())) {
            throw new PlatformStartupException("Dev mode (REGISTER_AUTH_MODE=dev) would listen on " + address.trim()
                    + ", which is not a loopback address: anyone reaching it could mint a token for any role",
                    "Listen on 127.0.0.1 (unset SERVER_ADDRESS), or set REGISTER_DEV_ALLOW_REMOTE=true if the "
                            + "exposure is meant, or use a real token issuer (REGISTER_AUTH_MODE=issuer).");
        }
    }

    private static boolean isLoopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException unknown) {
            return false;
        }
    }

    /** After the platform's defaults, which map {@code REGISTER_DEV_ALLOW_REMOTE} onto the property. */
    @Override
    public int getOrder() {
        return PlatformDefaultsEnvironmentPostProcessor.ORDER + 1;
    }
}
