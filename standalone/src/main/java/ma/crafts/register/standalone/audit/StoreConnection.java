package ma.crafts.register.standalone.audit;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.nio.file.Path;
import ma.crafts.register.platform.mongo.EmbeddedMongoServer;

/**
 * The store the auditor's command line reads: MongoDB at {@code MONGODB_URI}, or else the embedded data directory
 * served read-only (H2 refuses it while a register has it open: stop the register, or point at a copy).
 */
final class StoreConnection implements AutoCloseable {
    private final EmbeddedMongoServer embedded;
    private final MongoClient client;
    private final MongoDatabase database;

    private StoreConnection(EmbeddedMongoServer embedded, String uri, String databaseName) {
        this.embedded = embedded;
        this.client = MongoClients.create(uri);
        String named = new ConnectionString(uri).getDatabase();
        this.database = client.getDatabase(named != null ? named : databaseName);
    }

    static StoreConnection open(String mongodbUri, Path dataDir, String databaseName) {
        if (mongodbUri != null && !mongodbUri.isBlank()) {
            return new StoreConnection(null, mongodbUri.trim(), databaseName);
        }
        EmbeddedMongoServer server = EmbeddedMongoServer.openReadOnly(dataDir);
        try {
            return new StoreConnection(server, server.connectionString(), databaseName);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    MongoDatabase database() {
        return database;
    }

    @Override
    public void close() {
        client.close();
        if (embedded != null) {
            embedded.close();
        }
    }
}
