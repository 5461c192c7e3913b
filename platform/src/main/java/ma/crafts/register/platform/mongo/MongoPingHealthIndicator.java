package ma.crafts.register.platform.mongo;

import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/** Up when the register's database answers a {@code ping}. */
public class MongoPingHealthIndicator extends AbstractHealthIndicator {
    private final MongoDatabase database;
    private final RegisterMongoConnection connection;

    public MongoPingHealthIndicator(MongoDatabase database, RegisterMongoConnection connection) {
        super("MongoDB ping failed");
        this.database = database;
        this.connection = connection;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Document reply = database.runCommand(new Document("ping", 1));
        builder.up()
                .withDetail("database", database.getName())
                .withDetail("embedded", connection.isEmbedded())
                .withDetail("ok", reply.get("ok"));
    }
}
