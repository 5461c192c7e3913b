package ma.crafts.register.eventstore.deadline;

import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.AggregateConfiguration;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.DeadlineManagerSpanFactory;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;

/**
 * Axon's {@link DeadlineManager} on the application's {@link MongoDatabase} instead of the in-memory
 * {@code SimpleDeadlineManager}, which forgets every deadline on restart. Properties ({@code register.deadlines.*}):
 * {@code poll-interval} (PT1S), {@code sweep-interval} (PT10M), {@code lease} (PT5M), {@code retry-backoff} (PT1S),
 * {@code max-retry-backoff} (PT30M), {@code max-attempts} (20), {@code batch-size} (100).
 *
 * <p>Deadlines are fired only by a process that holds an aggregate or a saga, the components a deadline is for. The
 * query side shares the store with the command side but holds neither: were it to poll, it would take deadlines that
 * nothing here can receive.
 */
@AutoConfiguration(before = AxonAutoConfiguration.class)
public class DeadlineAutoConfiguration {
    /** After Axon's own lifecycle ({@code SpringAxonConfiguration}), so deadlines fire only into a started Axon. */
    static final int POLLING_PHASE = Integer.MAX_VALUE - 1024;

    static boolean holdsDeadlineHandlers(Configuration configuration) {
        return !configuration.findModules(AggregateConfiguration.class).isEmpty()
                || !configuration.eventProcessingConfiguration().sagaConfigurations().isEmpty();
    }

    @Bean
    @ConditionalOnMissingBean(DeadlineManager.class)
    public MongoDeadlineManager deadlineManager(MongoDatabase database, Serializer serializer, Configuration configuration,
                                                ObjectProvider<TransactionManager> transactionManager,
                                                ObjectProvider<DeadlineManagerSpanFactory> spanFactory,
                                                @Value("${register.deadlines.poll-interval:PT1S}") Duration pollInterval,
                                                @Value("${register.deadlines.sweep-interval:PT10M}") Duration sweepInterval,
                                                @Value("${register.deadlines.lease:PT5M}") Duration lease,
                                                @Value("${register.deadlines.retry-backoff:PT1S}") Duration retryBackoff,
                                                @Value("${register.deadlines.max-retry-backoff:PT30M}") Duration maxRetryBackoff,
                                                @Value("${register.deadlines.max-attempts:20}") int maxAttempts,
                                                @Value("${register.deadlines.batch-size:100}") int batchSize) {
        MongoDeadlineManager.Builder builder = MongoDeadlineManager.builder()
                .database(database)
                .serializer(serializer)
                // Resolves aggregates and sagas lazily, when a deadline fires, so Axon may finish building first.
                .scopeAwareProvider(new ConfigurationScopeAwareProvider(configuration))
                .transactionManager(transactionManager.getIfAvailable(() -> NoTransactionManager.INSTANCE))
                .holdsDeadlineHandlers(() -> holdsDeadlineHandlers(configuration))
                .pollInterval(pollInterval)
                .sweepInterval(sweepInterval)
                .lease(lease)
                .retryBackoff(retryBackoff, maxRetryBackoff)
                .maxAttempts(maxAttempts)
                .batchSize(batchSize);
        spanFactory.ifAvailable(builder::spanFactory);
        return builder.build();
    }

    /** Starts the poller once the application (and Axon) is up and stops it before Axon shuts down. */
    @Bean
    public SmartLifecycle mongoDeadlinePolling(ObjectProvider<MongoDeadlineManager> manager) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                manager.ifAvailable(MongoDeadlineManager::start);
                running = true;
            }

            @Override
            public void stop() {
                manager.ifAvailable(MongoDeadlineManager::shutdown);
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }

            @Override
            public int getPhase() {
                return POLLING_PHASE;
            }
        };
    }

    /** The deadline backlog as a metric, where Micrometer is present (Spring Boot Actuator). */
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false) // Axon's Configuration is imported
    @ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
    static class DeadlineMetrics {
        @Bean
        MeterBinder deadlineBacklogMetric(ObjectProvider<MongoDeadlineManager> manager) {
            return registry -> manager.ifAvailable(deadlines -> Gauge.builder("register.deadlines.backlog", deadlines,
                            d -> d.backlogAge().toMillis() / 1000.0)
                    .baseUnit("seconds")
                    .description("How long the deadlines due longest ago have waited to fire (0: caught up)")
                    .register(registry));
        }
    }
}
