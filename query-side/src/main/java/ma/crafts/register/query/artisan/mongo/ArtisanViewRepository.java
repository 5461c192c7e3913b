package ma.crafts.register.query.artisan.mongo;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ma.crafts.register.query.artisan.ArtisanState;
import ma.crafts.register.query.mongo.ArtisanStateCodec;
import ma.crafts.register.query.mongo.DocumentWrites;
import ma.crafts.register.query.mongo.CollectionNames;
import org.bson.Document;

/** The artisan view collection: one document per artisan, looked up by {@code _id} only. */
public class ArtisanViewRepository {

    public static final String COLLECTION = "query_artisan_view";

    /** mongo-java-server checks every document of an {@code $in} answer against the whole list: keep lists short. */
    private static final int IN_SLICE = 128;

    private final MongoDatabase database;
    private final CollectionNames names;

    public ArtisanViewRepository(MongoDatabase database) {
        this(database, CollectionNames.FIRST_GENERATION);
    }

    /** The view of the generation {@code names} designates, looked up on every call so that a switch takes effect. */
    public ArtisanViewRepository(MongoDatabase database, CollectionNames names) {
        this.database = database;
        this.names = names;
    }

    private MongoCollection<Document> collection() {
        return database.getCollection(names.of(COLLECTION));
    }

    public Optional<ArtisanState> find(String artisanId) {
        Document d = collection().find(Filters.eq("_id", artisanId)).first();
        return Optional.ofNullable(d).map(ArtisanStateCodec::fromDocument);
    }

    /** Fetches many artisans with {@code $in} on {@code _id}; missing ids are simply absent from the map. */
    public Map<String, ArtisanState> findAll(Collection<String> artisanIds) {
        Map<String, ArtisanState> found = new HashMap<>();
        List<String> ids = List.copyOf(artisanIds);
        for (int from = 0; from < ids.size(); from += IN_SLICE) {
            for (Document d : collection().find(Filters.in("_id", ids.subList(from, Math.min(ids.size(), from + IN_SLICE))))) {
                ArtisanState s = ArtisanStateCodec.fromDocument(d);
                found.put(s.artisanId(), s);
            }
        }
        return found;
    }

    public void save(ArtisanState state) {
        saveAll(List.of(state));
    }

    /**
     * Writes the views of many artisans in one unordered bulk. A view at version 0 (just registered) is inserted, the
     * others replaced: see {@link DocumentWrites#saveAll}.
     */
    public void saveAll(Collection<ArtisanState> states) {
        List<Document> fresh = new ArrayList<>();
        List<Document> existing = new ArrayList<>();
        for (ArtisanState state : states) {
            (state.version() == 0 ? fresh : existing).add(ArtisanStateCodec.toDocument(state));
        }
        DocumentWrites.saveAll(collection(), fresh, existing);
    }

    public void clear() {
        collection().drop();
    }
}
