package ma.crafts.register.command.imports.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.util.Optional;
import ma.crafts.register.command.imports.ImportKeys;
import ma.crafts.register.command.mongo.MongoErrors;
import ma.crafts.register.eventstore.ScansAccepted;
import org.bson.Document;

/** {@code import_keys}: {@code {_id: key, recordId}}; the unique {@code _id} decides between rows racing for a key. */
public class MongoImportKeys implements ImportKeys {
    private final MongoCollection<Document> keys;

    public MongoImportKeys(MongoDatabase database) {
        this.keys = database.getCollection("import_keys");
    }

    @Override
    public Optional<String> holderOf(String key) {
        Document doc = keys.find(eq("_id", key)).first();
        return doc == null ? Optional.empty() : Optional.ofNullable(doc.getString("recordId"));
    }

    @Override
    public String claim(String key, String recordId) {
        try {
            keys.insertOne(new Document("_id", key).append("recordId", recordId));
            return recordId;
        } catch (MongoWriteException e) {
            if (MongoErrors.isDuplicateKey(e)) {
                return holderOf(key).orElseThrow(() -> e);
            }
            throw e;
        }
    }

    @ScansAccepted(adr = "0001", why = "runs only when an imported registration fails; _id plus recordId keeps another "
            + "record's key, but it reads the whole collection (one document per imported cooperative or enterprise)")
    @Override
    public void release(String key, String recordId) {
        keys.deleteOne(and(eq("_id", key), eq("recordId", recordId)));
    }
}
