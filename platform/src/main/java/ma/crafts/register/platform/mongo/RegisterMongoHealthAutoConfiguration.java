package ma.crafts.register.platform.mongo;

import com.mongodb.client.MongoDatabase;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** The {@code mongo} component of {@code /actuator/health}. */
@AutoConfiguration(after = RegisterMongoAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean({MongoDatabase.class, RegisterMongoConnection.class})
@ConditionalOnEnabledHealthIndicator("mongo")
public class RegisterMongoHealthAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "mongoHealthIndicator")
    public MongoPingHealthIndicator mongoHealthIndicator(MongoDatabase database, RegisterMongoConnection connection) {
        return new MongoPingHealthIndicator(database, connection);
    }
}
