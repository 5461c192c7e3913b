package ma.crafts.register.bench;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.util.ArrayList;
import org.bson.Document;

/** Scratch collections of a measurement. */
final class Scratch {
    private Scratch() {
    }

    /** An empty collection; dropping a missing one would make the embedded server log an error. */
    static MongoCollection<Document> empty(MongoDatabase database, String name) {
        drop(database, name);
        return database.getCollection(name);
    }

    static void drop(MongoDatabase database, String name) {
        if (database.listCollectionNames().into(new ArrayList<>()).contains(name)) {
            database.getCollection(name).drop();
        }
    }
}
