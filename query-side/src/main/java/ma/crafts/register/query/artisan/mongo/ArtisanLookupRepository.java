package ma.crafts.register.query.artisan.mongo;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ma.crafts.register.query.mongo.DocumentWrites;
import org.bson.Document;

/**
 * {@code query_artisan_lookup}: a lookup key to the artisan it names, one document per key, {@code _id} the key. Keys
 * are {@code "nia:<nia>"} and {@code "cin:<keyed fingerprint>"}: the CIN itself is never stored. Each artisan's
 * personal keys are also listed under {@code "personal:<artisanId>"}, so that an erasure finds its fingerprint by
 * {@code _id}: once the actor's key is destroyed the fingerprint can no longer be computed from the CIN.
 */
public class ArtisanLookupRepository {

    public static final String LOOKUP = "query_artisan_lookup";

    private final MongoCollection<Document> lookup;

    public ArtisanLookupRepository(MongoDatabase database) {
        this.lookup = database.getCollection(LOOKUP);
    }

    private static final String PERSONAL_KEYS = "keys";

    /**
     * Stores key to artisan id, and each artisan's personal keys, in one bulk; a key written again (a redelivered
     * batch) is replaced.
     */
    public void saveAll(Map<String, String> artisanIdByKey, Map<String, String> personalKeyByArtisan) {
        List<Document> documents = new ArrayList<>(artisanIdByKey.size() + personalKeyByArtisan.size());
        artisanIdByKey.forEach((key, artisanId) -> documents.add(new Document("_id", key).append("artisanId", artisanId)));
        personalKeyByArtisan.forEach((artisanId, key) -> documents.add(new Document("_id", personalKeysOf(artisanId))
                .append(PERSONAL_KEYS, List.of(key))));
        DocumentWrites.saveAll(lookup, documents, List.of());
    }

    /** Deletes what names these actors by their personal data (their CIN fingerprint); unknown actors are skipped. */
    public void forgetPersonalKeys(Collection<String> actorIds) {
        List<String> listings = actorIds.stream().map(ArtisanLookupRepository::personalKeysOf).toList();
        List<String> doomed = new ArrayList<>(listings);
        for (Document listing : lookup.find(Filters.in("_id", listings))) {
            doomed.addAll(listing.getList(PERSONAL_KEYS, String.class));
        }
        lookup.deleteMany(Filters.in("_id", doomed));
    }

    private static String personalKeysOf(String artisanId) {
        return "personal:" + artisanId;
    }

    public Optional<String> find(String key) {
        return Optional.ofNullable(lookup.find(Filters.eq("_id", key)).first()).map(d -> d.getString("artisanId"));
    }

    public void clear() {
        lookup.drop();
    }
}
