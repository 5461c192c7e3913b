package ma.crafts.register.eventstore;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.NoOpEventUpcaster;

/**
 * One database per test on the embedded mongo-java-server (memory backend), or on a real MongoDB when
 * {@code EVENT_STORE_TEST_MONGODB_URI} is set, so the same contract runs against both servers. Each "process" gets its
 * own driver client, as a separate writer process would.
 */
final class StoreFixture implements AutoCloseable {
    private static MongoServer sharedServer;
    private static String sharedUri;

    final String databaseName = "es_" + UUID.randomUUID().toString().replace("-", "");
    final JacksonSerializer serializer;
    private final List<MongoClient> clients = new ArrayList<>();

    StoreFixture() {
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        this.serializer = JacksonSerializer.builder().objectMapper(mapper).build();
    }

    private static synchronized String uri() {
        String external = System.getenv("EVENT_STORE_TEST_MONGODB_URI");
        if (external != null && !external.isBlank()) {
            return external;
        }
        if (sharedServer == null) {
            sharedServer = new MongoServer(new MemoryBackend());
            sharedUri = "mongodb://127.0.0.1:" + sharedServer.bind().getPort();
        }
        return sharedUri;
    }

    /** A database handle through a client of its own: a separate process as far as the store can tell. */
    MongoDatabase newProcessDatabase() {
        MongoClient client = MongoClients.create(uri());
        clients.add(client);
        return client.getDatabase(databaseName);
    }

    MongoEventStorageEngine engine(Duration gapTimeout) {
        return engine(gapTimeout, NoOpEventUpcaster.INSTANCE);
    }

    MongoEventStorageEngine engine(Duration gapTimeout, EventUpcaster upcaster) {
        return builder(gapTimeout).upcasterChain(upcaster).build();
    }

    MongoEventStorageEngine.Builder builder(Duration gapTimeout) {
        return MongoEventStorageEngine.builder()
                .database(newProcessDatabase())
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .gapTimeout(gapTimeout)
                .trackingBatchSize(200);
    }

    MongoTokenStore tokenStore() {
        return new MongoTokenStore(newProcessDatabase(), serializer, Duration.ofSeconds(5));
    }

    @Override
    public void close() {
        if (!clients.isEmpty()) {
            clients.get(0).getDatabase(databaseName).drop();
        }
        clients.forEach(MongoClient::close);
    }
}
