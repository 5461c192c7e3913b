package ma.crafts.register.bench.imports;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.InsertManyOptions;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.conversions.Bson;

/**
 * The raw write ceiling for what an import stored: the same documents, as stored (raw BSON, never decoded), written
 * again by the plain driver into empty copies of their collections with the same indexes, in unordered batches from one
 * thread. Only the writes are timed. A sample of the same share of every collection is copied when the store holds more
 * than {@code maxCopies} documents, so a large store is measured in bounded time; the copies are dropped afterwards.
 */
final class WriteCeiling {
    private static final String SCRATCH_PREFIX = "ceiling_";
    private static final int BATCH = 1000;
    private static final InsertManyOptions UNORDERED = new InsertManyOptions().ordered(false);

    record Measured(long documents, long copied, double seconds) {
    }

    private final MongoDatabase database;

    WriteCeiling(MongoDatabase database) {
        this.database = database;
    }

    Measured measure(long maxCopies) {
        List<String> names = new ArrayList<>();
        long documents = 0;
        for (String name : database.listCollectionNames()) {
            if (!name.startsWith(SCRATCH_PREFIX)) {
                names.add(name);
                documents += database.getCollection(name).countDocuments();
            }
        }
        double share = documents <= maxCopies ? 1 : (double) maxCopies / documents;
        long copied = 0;
        long writeNanos = 0;
        for (String name : names) {
            MongoCollection<RawBsonDocument> source = database.getCollection(name, RawBsonDocument.class);
            MongoCollection<RawBsonDocument> copy = scratchCopyOf(name);
            long wanted = (long) Math.ceil(source.countDocuments() * share);
            List<RawBsonDocument> batch = new ArrayList<>(BATCH);
            try (MongoCursor<RawBsonDocument> cursor = source.find().batchSize(BATCH).limit((int) Math.min(wanted, Integer.MAX_VALUE)).iterator()) {
                while (cursor.hasNext()) {
                    batch.add(cursor.next());
                    if (batch.size() == BATCH || !cursor.hasNext()) {
                        long start = System.nanoTime();
                        copy.insertMany(batch, UNORDERED);
                        writeNanos += System.nanoTime() - start;
                        copied += batch.size();
                        batch.clear();
                    }
                }
            }
            copy.drop();
        }
        return new Measured(documents, copied, writeNanos / 1e9);
    }

    /** An empty collection with the source's indexes, unique, sparse and partial ones included. */
    private MongoCollection<RawBsonDocument> scratchCopyOf(String name) {
        String scratch = SCRATCH_PREFIX + name;
        database.getCollection(scratch).drop();
        MongoCollection<RawBsonDocument> copy = database.getCollection(scratch, RawBsonDocument.class);
        for (Document index : database.getCollection(name).listIndexes()) {
            if ("_id_".equals(index.getString("name"))) {
                continue;
            }
            IndexOptions options = new IndexOptions().name(index.getString("name"))
                    .unique(index.getBoolean("unique", false)).sparse(index.getBoolean("sparse", false));
            Object partial = index.get("partialFilterExpression");
            if (partial instanceof Bson filter) {
                options.partialFilterExpression(filter);
            }
            copy.createIndex((Bson) index.get("key", Document.class), options);
        }
        return copy;
    }
}
