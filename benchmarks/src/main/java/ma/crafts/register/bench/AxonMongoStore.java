package ma.crafts.register.bench;

import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * The baseline: axon-mongo's engine (one document per event, tracked by {@code MongoTrackingToken} on timestamps) and
 * its token store, with their defaults except the fetch batch size, which is raised to the register engine's so that
 * both read the same number of events per query.
 */
final class AxonMongoStore extends StoreUnderTest {
    static final String LABEL = "axon-mongo";
    private static final int FILL_BATCH = 1000;

    private final int batchSize;
    private final MongoTemplate template;
    private final MongoTokenStore tokenStore;

    AxonMongoStore(MongoDatabase database, JacksonSerializer serializer, int batchSize) {
        super(LABEL, database, serializer);
        this.batchSize = batchSize;
        this.template = DefaultMongoTemplate.builder().mongoDatabase(database).build();
        this.tokenStore = MongoTokenStore.builder().mongoTemplate(template).serializer(serializer)
                .claimTimeout(Duration.ofSeconds(10)).build();
    }

    @Override
    protected EventStorageEngine createEngine() {
        return MongoEventStorageEngine.builder()
                .mongoTemplate(template)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .batchSize(batchSize)
                .build();
    }

    @Override
    TokenStore tokenStore() {
        return tokenStore;
    }

    /** Its own append path, a thousand events per insert, in history order. */
    @Override
    void fill(Workload workload, Progress progress) {
        long written = 0;
        long reportEvery = Math.max(workload.events / 10, FILL_BATCH);
        for (List<DomainEventMessage<?>> batch : workload.historyInBatches(FILL_BATCH)) {
            engine().appendEvents(batch);
            written += batch.size();
            if (written % reportEvery < FILL_BATCH) {
                progress.say("  %s fill: %,d / %,d events", label, written, workload.events);
            }
        }
    }
}
