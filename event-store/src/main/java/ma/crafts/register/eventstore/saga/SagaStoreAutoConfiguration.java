package ma.crafts.register.eventstore.saga;

import com.mongodb.client.MongoDatabase;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Sagas on the application's {@link MongoDatabase}. Without it Axon falls back to an in-memory saga store, and a
 * process manager would forget every running process on restart. Registered before Axon's auto-configurations, whose
 * JPA and JDBC saga stores also back off when a {@link SagaStore} bean exists.
 */
@AutoConfiguration(before = AxonAutoConfiguration.class, beforeName = {
        "org.axonframework.springboot.autoconfig.JpaAutoConfiguration",
        "org.axonframework.springboot.autoconfig.JdbcAutoConfiguration"})
public class SagaStoreAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(SagaStore.class)
    public MongoSagaStore sagaStore(MongoDatabase database, Serializer serializer) {
        return new MongoSagaStore(database, serializer);
    }
}
