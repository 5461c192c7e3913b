package ma.crafts.register.query.enterprise.mongo;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import java.util.Optional;
import ma.crafts.register.query.enterprise.EnterpriseRecord;
import ma.crafts.register.query.mongo.ActorRegistrationCodec;
import org.bson.Document;

/** {@code query_enterprises}: one document per enterprise, keyed by its id. */
public class EnterpriseRepository {

    public static final String ENTERPRISES = "query_enterprises";

    private final MongoCollection<Document> enterprises;

    public EnterpriseRepository(MongoDatabase database) {
        this.enterprises = database.getCollection(ENTERPRISES);
    }

    /** Inserts or replaces the whole document. */
    public void save(EnterpriseRecord record) {
        Document document = ActorRegistrationCodec.toDocument(record.registration())
                .append("status", record.status().name())
                .append("supervisingArtisanId", record.supervisingArtisanId())
                .append("nonComplianceCause", record.nonComplianceCause())
                .append("version", record.version())
                .append("position", record.position());
        enterprises.replaceOne(Filters.eq("_id", record.registration().actorId()), document,
                new ReplaceOptions().upsert(true));
    }

    public Optional<EnterpriseRecord> find(String enterpriseId) {
        return Optional.ofNullable(enterprises.find(Filters.eq("_id", enterpriseId)).first())
                .map(d -> new EnterpriseRecord(ActorRegistrationCodec.fromDocument(d), ActorRegistrationCodec.status(d),
                        d.getString("supervisingArtisanId"), d.getString("nonComplianceCause"),
                        ActorRegistrationCodec.longValue(d.get("version")),
                        ActorRegistrationCodec.longValue(d.get("position"))));
    }

    public void clear() {
        enterprises.drop();
    }
}
