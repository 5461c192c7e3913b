package ma.crafts.register.platform.mongo;

import java.time.Clock;

import com.mongodb.client.MongoDatabase;
import ma.crafts.register.platform.PlatformProperties;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** The {@code mongo} component of {@code /actuator/health}. */
@AutoConfiguration(after = RegisterMongoAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean({MongoDatabase.class, RegisterMongoConnection.class})
@ConditionalOnEnabledHealthIndicator("mongo")
@EnableConfigurationProperties(PlatformProperties.class)
public class RegisterMongoHealthAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "mongoHealthIndicator")
    public HealthIndicator mongoHealthIndicator(MongoDatabase database, RegisterMongoConnection connection,
                                                PlatformProperties properties) {
        return new CachedHealthIndicator(new MongoPingHealthIndicator(database, connection),
                properties.mongodb().timeouts().healthCacheTtl(), Clock.systemUTC());
    }
}
