package ma.crafts.register.query.artisan.mongo;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ma.crafts.register.query.artisan.ArtisanState;
import org.bson.Document;

/** The artisan view collection: one document per artisan, looked up by {@code _id} only. */
public class ArtisanViewRepository {

    public static final String COLLECTION = "query_artisan_view";

    private final MongoCollection<Document> collection;

    public ArtisanViewRepository(MongoDatabase database) {
        this.collection = database.getCollection(COLLECTION);
    }

    public Optional<ArtisanState> find(String artisanId) {
        Document d = collection.find(Filters.eq("_id", artisanId)).first();
        return Optional.ofNullable(d).map(ArtisanStateCodec::fromDocument);
    }

    /** Fetches many artisans with one {@code $in} on {@code _id}; missing ids are simply absent from the map. */
    public Map<String, ArtisanState> findAll(Collection<String> artisanIds) {
        Map<String, ArtisanState> found = new HashMap<>();
        if (artisanIds.isEmpty()) {
            return found;
        }
        for (Document d : collection.find(Filters.in("_id", List.copyOf(artisanIds)))) {
            ArtisanState s = ArtisanStateCodec.fromDocument(d);
            found.put(s.artisanId(), s);
        }
        return found;
    }

    public void save(ArtisanState state) {
        collection.replaceOne(Filters.eq("_id", state.artisanId()), ArtisanStateCodec.toDocument(state),
                new ReplaceOptions().upsert(true));
    }

    public void clear() {
        collection.drop();
    }
}
