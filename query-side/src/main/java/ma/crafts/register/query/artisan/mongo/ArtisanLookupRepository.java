package ma.crafts.register.query.artisan.mongo;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ma.crafts.register.query.mongo.DocumentWrites;
import org.bson.Document;

/**
 * {@code query_artisan_lookup}: a lookup key to the artisan it names, one document per key, {@code _id} the key. Keys
 * are {@code "nia:<nia>"} and {@code "cin:<keyed fingerprint>"}: the CIN itself is never stored.
 */
public class ArtisanLookupRepository {

    public static final String LOOKUP = "query_artisan_lookup";

    private final MongoCollection<Document> lookup;

    public ArtisanLookupRepository(MongoDatabase database) {
        this.lookup = database.getCollection(LOOKUP);
    }

    /** Stores key to artisan id, in one bulk; a key written again (a redelivered batch) is replaced. */
    public void saveAll(Map<String, String> artisanIdByKey) {
        List<Document> documents = new ArrayList<>(artisanIdByKey.size());
        artisanIdByKey.forEach((key, artisanId) -> documents.add(new Document("_id", key).append("artisanId", artisanId)));
        DocumentWrites.saveAll(lookup, documents, List.of());
    }

    public Optional<String> find(String key) {
        return Optional.ofNullable(lookup.find(Filters.eq("_id", key)).first()).map(d -> d.getString("artisanId"));
    }

    public void clear() {
        lookup.drop();
    }
}
