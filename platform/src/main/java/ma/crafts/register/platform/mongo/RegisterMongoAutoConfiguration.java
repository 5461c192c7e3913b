package ma.crafts.register.platform.mongo;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.mongodb.MongoClientSettings;
import com.mongodb.ReadConcern;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import ma.crafts.register.platform.PlatformProperties;
import org.bson.UuidRepresentation;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.mongo.MongoAutoConfiguration;
import org.springframework.boot.autoconfigure.mongo.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.autoconfigure.mongo.StandardMongoClientSettingsBuilderCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The register's {@link MongoClient} and {@link MongoDatabase}. Spring Boot's own Mongo auto-configuration is filtered
 * out by {@link BootMongoAutoConfigurationFilter}; running before it as well keeps its client backing off should an
 * application bring it back.
 */
@AutoConfiguration(before = MongoAutoConfiguration.class)
@ConditionalOnClass(MongoClient.class)
@EnableConfigurationProperties(PlatformProperties.class)
public class RegisterMongoAutoConfiguration {

    /** Closing it stops the embedded server; the client, which depends on it, is closed first. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public RegisterMongoConnection registerMongoConnection(PlatformProperties properties) {
        return RegisterMongoConnection.open(properties);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public MongoClient mongoClient(RegisterMongoConnection connection, PlatformProperties properties,
                                   ObjectProvider<MongoClientSettingsBuilderCustomizer> customizers) {
        PlatformProperties.Timeouts timeouts = properties.mongodb().timeouts();
        // Set before the connection string is applied, which overrides only the options it names.
        // Majority on both sides: an acknowledged append, position reservation or token claim survives a failover, and
        // no reader sees (and projects) a write that a failover could roll back (event-store/GUARANTEES.md).
        MongoClientSettings.Builder settings = MongoClientSettings.builder()
                .writeConcern(WriteConcern.MAJORITY)
                .readConcern(ReadConcern.MAJORITY)
                .applyToSocketSettings(socket -> socket
                        .connectTimeout(toIntMillis(timeouts.connect()), TimeUnit.MILLISECONDS)
                        .readTimeout(toIntMillis(timeouts.socketRead()), TimeUnit.MILLISECONDS))
                .applyToClusterSettings(cluster -> cluster
                        .serverSelectionTimeout(timeouts.serverSelection().toMillis(), TimeUnit.MILLISECONDS))
                .applyConnectionString(connection.connectionString())
                .uuidRepresentation(UuidRepresentation.STANDARD)
                .applicationName("crafts-register");
        // Boot's standard customizer would re-apply spring.data.mongodb.* (localhost:27017) over our connection;
        // the others (metrics listeners) are welcome.
        customizers.orderedStream()
                .filter(c -> !(c instanceof StandardMongoClientSettingsBuilderCustomizer))
                .forEach(c -> c.customize(settings));
        return MongoClients.create(settings.build());
    }

    private static int toIntMillis(Duration duration) {
        return Math.toIntExact(duration.toMillis());
    }

    @Bean
    @ConditionalOnMissingBean
    public MongoDatabase mongoDatabase(MongoClient client, RegisterMongoConnection connection) {
        return client.getDatabase(connection.database());
    }
}
