package ma.crafts.register.eventstore;

import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Gives any Spring Boot application that depends on this module the Mongo event store and token store, on the
 * application's {@link MongoDatabase} bean. Registered before Axon's own auto-configuration so that Axon builds its
 * embedded event store on this engine instead of falling back to an in-memory bus.
 */
@AutoConfiguration(before = AxonAutoConfiguration.class)
public class EventStoreAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(EventStorageEngine.class)
    public MongoEventStorageEngine eventStorageEngine(MongoDatabase database,
                                                     Serializer defaultSerializer,
                                                     @Qualifier("eventSerializer") Serializer eventSerializer,
                                                     Configuration configuration,
                                                     @Value("${register.event-store.gap-timeout:PT10S}") Duration gapTimeout,
                                                     @Value("${register.event-store.tracking-batch-size:1000}") int trackingBatchSize,
                                                     @Value("${register.event-store.max-group-commit-events:500}") int maxGroupCommitEvents,
                                                     @Value("${register.event-store.max-concurrent-writes:4}") int maxConcurrentWrites) {
        return MongoEventStorageEngine.builder()
                .database(database)
                .eventSerializer(eventSerializer)
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .snapshotFilter(configuration.snapshotFilter())
                .gapTimeout(gapTimeout)
                .trackingBatchSize(trackingBatchSize)
                .maxGroupCommitEvents(maxGroupCommitEvents)
                .maxConcurrentWrites(maxConcurrentWrites)
                .build();
    }

    @Bean
    @ConditionalOnMissingBean(TokenStore.class)
    public MongoTokenStore tokenStore(MongoDatabase database, Serializer defaultSerializer,
                                      @Value("${register.event-store.claim-timeout:PT10S}") Duration claimTimeout) {
        return new MongoTokenStore(database, defaultSerializer, claimTimeout);
    }

    @Bean
    @ConditionalOnMissingBean
    public TrackingProgress trackingProgress(MongoTokenStore tokenStore) {
        return new TrackingProgress(tokenStore);
    }
}
