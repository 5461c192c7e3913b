package ma.crafts.register.query.projection;

import ma.crafts.register.query.projection.mongo.ProjectionGenerations;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import ma.crafts.register.eventstore.MongoTokenStore;
import ma.crafts.register.query.QueryProcessors;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires projection rebuilds. Settings: {@code register.query.rebuild.monitor-interval} (default 500ms) and
 * {@code register.query.rebuild.retired-grace} (default 10s, longer than the pointer cache of every reader);
 * the processors take {@code register.query.projection-threads} and {@code register.query.projection-batch-size}
 * like the shared one.
 */
@Configuration(proxyBeanMethods = false)
public class ProjectionRebuildConfiguration {

    @Bean
    public ProjectionGenerations queryProjectionGenerations(MongoDatabase database, ObjectProvider<Clock> clock) {
        return new ProjectionGenerations(database, clock.getIfUnique(Clock::systemUTC));
    }

    @Bean
    public FirstGenerationProjections queryFirstGenerationProjections(List<RebuildableProjection> projections,
                                                                      ProjectionGenerations generations) {
        return new FirstGenerationProjections(projections, generations);
    }

    @Bean
    @ConditionalOnProperty(name = "register.statistics.projection", havingValue = "true", matchIfMissing = true)
    public OwnProcessorFirstGeneration queryOwnProcessorFirstGeneration(List<RebuildableProjection> projections,
                                                                        ProjectionGenerations generations) {
        return new OwnProcessorFirstGeneration(projections, generations);
    }

    @Bean
    public ProjectionRebuilds queryProjectionRebuilds(
            List<RebuildableProjection> projections, ProjectionGenerations generations, EventStore eventStore,
            MongoTokenStore tokenStore, ObjectProvider<Clock> clock,
            ObjectProvider<MeterRegistry> meters,
            @Value("${register.query.projection-threads:1}") int threads,
            @Value("${register.query.projection-batch-size:500}") int batchSize,
            @Value("${register.query.rebuild.monitor-interval:500ms}") Duration monitorInterval,
            @Value("${register.query.rebuild.retired-grace:10s}") Duration retiredGrace) {
        ProjectionRebuilds rebuilds = new ProjectionRebuilds(projections, generations, eventStore, tokenStore,
                () -> QueryProcessors.configuration(threads, batchSize),
                new ProjectionRebuilds.Settings(monitorInterval, retiredGrace), clock.getIfUnique(Clock::systemUTC));
        meters.ifAvailable(rebuilds::registerGauges);
        return rebuilds;
    }
}
