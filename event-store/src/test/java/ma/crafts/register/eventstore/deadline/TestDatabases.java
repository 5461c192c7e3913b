package ma.crafts.register.eventstore.deadline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * A fresh database per test on a shared in-memory mongo-java-server (or on the MongoDB named by
 * {@code EVENT_STORE_TEST_MONGODB_URI}); each {@link #newProcess()} has its own driver client, as a separate node would.
 */
public final class TestDatabases implements AutoCloseable {
    private static MongoServer server;
    private static String uri;

    private final String name = "dl_" + UUID.randomUUID().toString().replace("-", "");
    private final List<MongoClient> clients = new ArrayList<>();

    public static JacksonSerializer serializer() {
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        return JacksonSerializer.builder().objectMapper(mapper).build();
    }

    private static synchronized String uri() {
        String external = System.getenv("EVENT_STORE_TEST_MONGODB_URI");
        if (external != null && !external.isBlank()) {
            return external;
        }
        if (server == null) {
            server = new MongoServer(new MemoryBackend());
            uri = "mongodb://127.0.0.1:" + server.bind().getPort();
        }
        return uri;
    }

    public synchronized MongoDatabase newProcess() {
        MongoClient client = MongoClients.create(uri());
        clients.add(client);
        return client.getDatabase(name);
    }

    /** A node whose every command is shown to {@code listener}, to check which lookups it makes. */
    public synchronized MongoDatabase newProcess(CommandListener listener) {
        MongoClient client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(uri())).addCommandListener(listener).build());
        clients.add(client);
        return client.getDatabase(name);
    }

    @Override
    public synchronized void close() {
        if (!clients.isEmpty()) {
            clients.get(0).getDatabase(name).drop();
        }
        clients.forEach(MongoClient::close);
    }
}
