package ma.crafts.register.query.support;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bson.BsonDocument;

/** An embedded mongo-java-server (memory backend) with a fresh database, for projection tests without Spring. */
public final class InMemoryMongo implements AutoCloseable {

    private final MongoServer server;
    private final MongoClient client;
    private final MongoDatabase database;
    private final List<BsonDocument> commands = new CopyOnWriteArrayList<>();

    public InMemoryMongo() {
        server = new MongoServer(new MemoryBackend());
        String address = server.bindAndGetConnectionString();
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(address))
                .addCommandListener(new CommandListener() {
                    @Override
                    public void commandStarted(CommandStartedEvent event) {
                        commands.add(event.getCommand().clone());
                    }
                })
                .build());
        database = client.getDatabase("query-" + UUID.randomUUID());
    }

    /** Every command sent so far, in order; clear it to observe one operation. */
    public List<BsonDocument> commands() {
        return commands;
    }

    public MongoDatabase database() {
        return database;
    }

    @Override
    public void close() {
        client.close();
        server.shutdownNow();
    }
}
