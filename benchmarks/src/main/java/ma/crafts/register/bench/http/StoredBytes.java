package ma.crafts.register.bench.http;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.bson.RawBsonDocument;

/**
 * What the register's collections hold, as BSON bytes per collection: the live data a store must keep, to set the data
 * directory's size against. mongo-java-server has no {@code collStats}, so every document is read (as raw bytes,
 * nothing decoded) and its size summed.
 *
 * <pre>StoredBytes --mongodb-uri=mongodb://127.0.0.1:27017/register --artisans=10000</pre>
 * Prints one {@code STORED collection=… documents=… bytes=… bytes_per_artisan=…} line per collection, largest first,
 * then {@code STORED_TOTAL documents=… bytes=… bytes_per_artisan=…}.
 */
public final class StoredBytes {
    private StoredBytes() {
    }

    record Collection(String name, long documents, long bytes) {
    }

    public static void main(String[] args) {
        Options options = new Options(args);
        String uri = options.text("mongodb-uri");
        long artisans = options.number("artisans", 1, Long.MAX_VALUE);
        List<Collection> collections = new ArrayList<>();
        try (MongoClient client = MongoClients.create(uri)) {
            for (String databaseName : client.listDatabaseNames()) {
                if (List.of("admin", "local", "config").contains(databaseName)) {
                    continue;
                }
                MongoDatabase database = client.getDatabase(databaseName);
                for (String name : database.listCollectionNames()) {
                    collections.add(measure(databaseName + "." + name, database.getCollection(name, RawBsonDocument.class)));
                }
            }
        }
        collections.sort(Comparator.comparingLong(Collection::bytes).reversed());
        long documents = 0;
        long bytes = 0;
        for (Collection collection : collections) {
            System.out.printf(Locale.ROOT, "STORED collection=%s documents=%d bytes=%d bytes_per_artisan=%.0f%n",
                    collection.name(), collection.documents(), collection.bytes(), (double) collection.bytes() / artisans);
            documents += collection.documents();
            bytes += collection.bytes();
        }
        System.out.printf(Locale.ROOT, "STORED_TOTAL documents=%d bytes=%d bytes_per_artisan=%.0f%n", documents, bytes,
                (double) bytes / artisans);
    }

    private static Collection measure(String name, MongoCollection<RawBsonDocument> collection) {
        long documents = 0;
        long bytes = 0;
        for (RawBsonDocument document : collection.find().batchSize(1000)) {
            documents++;
            bytes += document.getByteBuffer().remaining();
        }
        return new Collection(name, documents, bytes);
    }
}
