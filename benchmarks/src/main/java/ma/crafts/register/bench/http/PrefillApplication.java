package ma.crafts.register.bench.http;

import java.time.Clock;
import com.mongodb.client.MongoDatabase;
import ma.crafts.register.command.CommandSideConfiguration;
import ma.crafts.register.platform.PlatformProperties;
import ma.crafts.register.platform.idempotency.IdempotencyKeyStore;
import ma.crafts.register.platform.security.AccessPolicy;
import ma.crafts.register.platform.security.CurrentActor;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The command side exactly as the register runs it (same configuration, event store, CIN reservations, numbering and
 * personal-data vault), without a web server. The platform's security and idempotency auto-configurations only exist
 * in a servlet application, so the beans the command side needs from them are declared here; {@link ClerkContexts}
 * supplies the authenticated clerk they read, as the JWT filter does for a request. Spring Boot's default in-memory user is left
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

    @Bean
    public IdempotencyKeyStore idempotencyKeyStore(MongoDatabase database, PlatformProperties properties) {
        return new IdempotencyKeyStore(database, Clock.systemUTC(), properties.idempotency().ttl());
    }
}
