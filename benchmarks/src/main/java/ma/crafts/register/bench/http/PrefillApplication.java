package ma.crafts.register.bench.http;

import ma.crafts.register.command.CommandSideConfiguration;
import ma.crafts.register.platform.security.AccessPolicy;
import ma.crafts.register.platform.security.CurrentActor;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The command side exactly as the register runs it (same configuration, event store, CIN reservations, numbering and
 * personal-data vault), without a web server. The platform's security auto-configuration only exists in a servlet
 * application, so the two beans the command side needs from it are declared here; {@link ClerkContexts} supplies the
 * authenticated clerk they read, as the JWT filter does for a request. Spring Boot's default in-memory user is left
 * out: nothing here authenticates with a password.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(exclude = UserDetailsServiceAutoConfiguration.class)
@Import(CommandSideConfiguration.class)
public class PrefillApplication {

    @Bean
    public CurrentActor currentActor() {
        return new CurrentActor();
    }

    @Bean
    public AccessPolicy accessPolicy(CurrentActor currentActor) {
        return new AccessPolicy(currentActor);
    }
}
