package ma.crafts.register.platform;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import org.springframework.boot.DefaultPropertiesPropertySource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertiesPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds the platform's defaults (Axon without Axon Server, Jackson serialisation, port, UTF-8, actuator exposure and the
 * {@code register.*} settings) to every application that depends on the platform, behind everything the application
 * or its operator configures. It runs after Spring Boot has loaded the application's own config files so that
 * appending the defaults really puts them last. An application's own default properties
 * ({@code SpringApplication#setDefaultProperties}) are more specific than the platform's, so they win as well.
 */
public class PlatformDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {
    public static final String PROPERTY_SOURCE_NAME = "crafts-register-platform-defaults";
    static final String LOCATION = "META-INF/register/platform-defaults.properties";
    /** Late enough to follow Spring Boot's config files, early enough for the post-processors that read the defaults. */
    public static final int ORDER = Ordered.LOWEST_PRECEDENCE - 10;

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.getPropertySources().contains(PROPERTY_SOURCE_NAME)) {
            return;
        }
        Properties defaults = load();
        PropertySource<?> applicationDefaults = environment.getPropertySources().get(DefaultPropertiesPropertySource.NAME);
        if (applicationDefaults != null) {
            // Spring Boot keeps its defaultProperties source last, behind ours; drop what it already decides.
            defaults.keySet().removeIf(key -> applicationDefaults.containsProperty(String.valueOf(key)));
        }
        environment.getPropertySources().addLast(new PropertiesPropertySource(PROPERTY_SOURCE_NAME, defaults));
    }

    static Properties load() {
        Properties properties = new Properties();
        ClassPathResource resource = new ClassPathResource(LOCATION, PlatformDefaultsEnvironmentPostProcessor.class.getClassLoader());
        try (Reader reader = new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the platform defaults " + LOCATION, e);
        }
        return properties;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
