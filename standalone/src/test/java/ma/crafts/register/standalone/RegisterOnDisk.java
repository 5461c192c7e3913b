package ma.crafts.register.standalone;

import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The register as a chamber server runs it by default, in this JVM: the embedded store on H2 in {@code home/data} and
 * its keys in {@code home/keys}, so that what one run stores is there for the next.
 */
final class RegisterOnDisk {
    private RegisterOnDisk() {
    }

    static ConfigurableApplicationContext start(Path home) {
        return new SpringApplicationBuilder(RegisterApplication.class).properties(Map.of(
                "server.port", "0",
                "register.auth.mode", "dev",
                "register.data-dir", dataDir(home).toString(),
                "register.key-dir", home.resolve("keys").toString(),
                "register.mongodb.embedded.backend", "h2",
                "register.mongodb.embedded.port", "0")).run();
    }

    static Path dataDir(Path home) {
        return home.resolve("data");
    }
}
