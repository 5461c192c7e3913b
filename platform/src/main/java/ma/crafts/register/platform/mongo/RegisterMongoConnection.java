package ma.crafts.register.platform.mongo;

import java.util.Optional;

import com.mongodb.ConnectionString;
import ma.crafts.register.platform.PlatformProperties;
import ma.crafts.register.platform.PlatformStartupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the register's MongoDB is: the external one named by {@code MONGODB_URI}, or the embedded server this object
 * starts and, on close, stops. Inject it to print or pass on the effective connection string; the password is never
 * part of {@link #toString()} or {@link #redactedConnectionString()}.
 */
public final class RegisterMongoConnection implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RegisterMongoConnection.class);

    private final ConnectionString connectionString;
    private final String database;
    private final EmbeddedMongoServer embedded;

    private RegisterMongoConnection(ConnectionString connectionString, String database, EmbeddedMongoServer embedded) {
        this.connectionString = connectionString;
        this.database = database;
        this.embedded = embedded;
    }

    /**
     * Resolves the connection from the properties, starting the embedded server when no URI is configured. A database
     * named in the URI wins over {@code register.mongodb.database}, because the URI is the deployment's single knob.
     */
    public static RegisterMongoConnection open(PlatformProperties properties) {
        PlatformProperties.Mongodb mongodb = properties.mongodb();
        if (mongodb.isEmbedded()) {
            EmbeddedMongoServer server = EmbeddedMongoServer.start(mongodb.embedded().backend(), mongodb.embedded().port(),
                    properties.dataDir());
            RegisterMongoConnection connection =
                    new RegisterMongoConnection(new ConnectionString(server.connectionString()), mongodb.database(), server);
            log.info("MongoDB: {}", connection);
            return connection;
        }
        ConnectionString parsed;
        try {
            parsed = new ConnectionString(mongodb.uri().trim());
        } catch (IllegalArgumentException e) {
            throw new PlatformStartupException("MONGODB_URI is not a valid MongoDB connection string: " + e.getMessage(),
                    "Fix MONGODB_URI (register.mongodb.uri), e.g. mongodb://user:password@host:27017/register, "
                            + "or unset it to use the embedded MongoDB.", e);
        }
        String database = parsed.getDatabase() != null && !parsed.getDatabase().isBlank()
                ? parsed.getDatabase() : mongodb.database();
        RegisterMongoConnection connection = new RegisterMongoConnection(parsed, database, null);
        log.info("MongoDB: {}", connection);
        return connection;
    }

    public ConnectionString connectionString() {
        return connectionString;
    }

    /** The connection string with any password replaced by {@code ***}, safe for logs. */
    public String redactedConnectionString() {
        String raw = connectionString.getConnectionString();
        return raw.replaceFirst("^(mongodb(?:\\+srv)?://[^:@/]*):[^@/]*@", "$1:***@");
    }

    public String database() {
        return database;
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    public Optional<EmbeddedMongoServer> embeddedServer() {
        return Optional.ofNullable(embedded);
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
    }

    @Override
    public String toString() {
        if (embedded == null) {
            return redactedConnectionString() + " (database '" + database + "')";
        }
        return redactedConnectionString() + " (embedded mongo-java-server, " + embedded.backend().name().toLowerCase()
                + " backend" + embedded.dataFile().map(f -> ", file " + f).orElse("") + ", database '" + database + "')";
    }
}
