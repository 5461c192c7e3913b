package ma.crafts.register.command.numbering.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.List;
import ma.crafts.register.command.numbering.SequenceAllocator;
import ma.crafts.register.command.mongo.MongoErrors;
import ma.crafts.register.command.numbering.SequenceKey;
import ma.crafts.register.eventstore.ScansAccepted;
import org.bson.Document;

/**
 * Gap-free numbering in MongoDB, with every access by {@code _id}:
 * <ul>
 *   <li>{@code number_counters} {@code {_id: "NIA:MA-07:2026", issued: n}}: incremented with
 *   {@code findOneAndUpdate(..., $inc, upsert, ReturnDocument.BEFORE)}; the number is the value before, plus one.
 *   BEFORE, not AFTER: the embedded server only keeps the read-modify-write atomic for the document it returns
 *   first.</li>
 *   <li>{@code number_pool} {@code {_id: key, free: [..]}}: numbers given back by failed commands, popped atomically
 *   (again BEFORE, taking {@code free[0]}) ahead of the counter.</li>
 * </ul>
 */
public class MongoSequenceAllocator implements SequenceAllocator {
    static final String COUNTERS = "number_counters";
    static final String POOL = "number_pool";

    private final MongoCollection<Document> counters;
    private final MongoCollection<Document> pool;

    public MongoSequenceAllocator(MongoDatabase database) {
        this.counters = database.getCollection(COUNTERS);
        this.pool = database.getCollection(POOL);
    }

    @ScansAccepted(adr = "0001", why = "_id plus \"free is not empty\" scans number_pool, which holds one document "
            + "per series, region and year (a few hundred); the condition makes taking a returned number atomic")
    @Override
    public long next(SequenceKey key) {
        Document before = pool.findOneAndUpdate(and(eq("_id", key.id()), exists("free.0")), Updates.popFirst("free"),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE));
        if (before != null) {
            List<?> free = before.getList("free", Object.class);
            if (free != null && !free.isEmpty()) {
                return ((Number) free.get(0)).longValue();
            }
        }
        return increment(key);
    }

    @Override
    public void giveBack(SequenceKey key, long number) {
        pool.updateOne(eq("_id", key.id()),
                Updates.combine(Updates.push("free", number), Updates.set("updatedAt", Instant.now())),
                new UpdateOptions().upsert(true));
    }

    private long increment(SequenceKey key) {
        FindOneAndUpdateOptions options = new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.BEFORE);
        for (int attempt = 0; ; attempt++) {
            try {
                Document before = counters.findOneAndUpdate(eq("_id", key.id()), Updates.inc("issued", 1L), options);
                return before == null ? 1 : ((Number) before.get("issued")).longValue() + 1;
            } catch (MongoWriteException | MongoCommandException e) {
                // Two first allocations of a key may both try to insert the counter; the loser retries as an update.
                if (attempt < 3 && MongoErrors.isDuplicateKey(e)) {
                    continue;
                }
                throw e;
            }
        }
    }
}
