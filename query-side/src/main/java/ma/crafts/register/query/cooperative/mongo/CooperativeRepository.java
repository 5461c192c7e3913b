package ma.crafts.register.query.cooperative.mongo;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import java.util.Optional;
import ma.crafts.register.query.cooperative.CooperativeRecord;
import ma.crafts.register.query.mongo.ActorRegistrationCodec;
import org.bson.Document;

/** {@code query_cooperatives}: one document per cooperative, keyed by its id. */
public class CooperativeRepository {

    public static final String COOPERATIVES = "query_cooperatives";

    private final MongoCollection<Document> cooperatives;

    public CooperativeRepository(MongoDatabase database) {
        this.cooperatives = database.getCollection(COOPERATIVES);
    }

    /** Inserts or replaces: a redelivered event rewrites the same document. */
    public void save(CooperativeRecord record) {
        Document document = ActorRegistrationCodec.toDocument(record.registration())
                .append("status", record.status().name())
                .append("version", record.version())
                .append("position", record.position());
        cooperatives.replaceOne(Filters.eq("_id", record.registration().actorId()), document,
                new ReplaceOptions().upsert(true));
    }

    public Optional<CooperativeRecord> find(String cooperativeId) {
        return Optional.ofNullable(cooperatives.find(Filters.eq("_id", cooperativeId)).first())
                .map(d -> new CooperativeRecord(ActorRegistrationCodec.fromDocument(d),
                        ActorRegistrationCodec.status(d),
                        ActorRegistrationCodec.longValue(d.get("version")),
                        ActorRegistrationCodec.longValue(d.get("position"))));
    }

    public void clear() {
        cooperatives.drop();
    }
}
