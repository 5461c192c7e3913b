package ma.crafts.register.platform.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import ma.crafts.register.platform.PlatformProperties.EmbeddedBackend;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An embedded server on its memory backend for one test class, reached over TCP with the real driver, as the
 * register reaches it: {@code @RegisterExtension static final MemoryMongo mongo = new MemoryMongo();}.
 */
public final class MemoryMongo implements BeforeAllCallback, AfterAllCallback {
    private EmbeddedMongoServer server;
    private MongoClient client;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = EmbeddedMongoServer.start(EmbeddedBackend.MEMORY, 0, null);
        client = MongoClients.create(server.connectionString());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        client.close();
        server.close();
    }

    public MongoClient client() {
        return client;
    }

    /** A database no other test of the class has used. */
    public MongoDatabase freshDatabase(String prefix) {
        return client.getDatabase(prefix + "-" + System.nanoTime());
    }
}
