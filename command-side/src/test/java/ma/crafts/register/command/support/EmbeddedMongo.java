package ma.crafts.register.command.support;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/** An in-memory mongo-java-server on a random port, for tests of the Mongo adapters. */
public final class EmbeddedMongo implements AutoCloseable {
    private final MongoServer server;
    private final MongoClient client;

    public EmbeddedMongo() {
        server = new MongoServer(new MemoryBackend());
        String uri = "mongodb://" + toHostPort(server.bind());
        client = MongoClients.create(uri);
    }

    private static String toHostPort(java.net.InetSocketAddress address) {
        return address.getHostString() + ":" + address.getPort();
    }

    public MongoDatabase database(String name) {
        return client.getDatabase(name);
    }

    @Override
    public void close() {
        client.close();
        server.shutdownNow();
    }
}
