package ma.crafts.register.bench;

import com.mongodb.client.MongoDatabase;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * One event store under test in its own database, wired the way an application wires it: plain Axon
 * {@link DefaultConfigurer}, the aggregate behind an annotation command handler, an embedded event store over the engine,
 * Jackson everywhere, and the register's metadata copied from commands onto events.
 */
abstract class StoreUnderTest implements AutoCloseable {
    final String label;
    final MongoDatabase database;
    final JacksonSerializer serializer;
    private Configuration axon;
    private EventStorageEngine engine;

    StoreUnderTest(String label, MongoDatabase database, JacksonSerializer serializer) {
        this.label = label;
        this.database = database;
        this.serializer = serializer;
    }

    /** Builds the engine and starts Axon on it. Kept out of the constructor so subclasses are fully built first. */
    final StoreUnderTest start() {
        this.engine = createEngine();
        this.axon = DefaultConfigurer.defaultConfiguration()
                .configureSerializer(c -> serializer)
                .configureEventSerializer(c -> serializer)
                .configureMessageSerializer(c -> serializer)
                .configureCorrelationDataProviders(c -> List.of(new MessageOriginProvider(),
                        new SimpleCorrelationDataProvider("recordedBy", "chamber")))
                .configureEmbeddedEventStore(c -> engine)
                .configureAggregate(BenchAccount.class)
                .buildConfiguration();
        axon.start();
        return this;
    }

    protected abstract EventStorageEngine createEngine();

    abstract TokenStore tokenStore();

    /** Writes the workload's history as fast as the engine allows; not measured against any target. */
    abstract void fill(Workload workload, Progress progress);

    EventStorageEngine engine() {
        return engine;
    }

    CommandGateway commandGateway() {
        return axon.commandGateway();
    }

    EventStore eventStore() {
        return axon.eventStore();
    }

    @Override
    public void close() {
        if (axon != null) {
            axon.shutdown();
        }
        database.drop();
    }
}
