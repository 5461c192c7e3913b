package ma.crafts.register.query.statistics.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import ma.crafts.register.eventstore.ScansAccepted;
import ma.crafts.register.query.mongo.GuardedCounts;
import ma.crafts.register.query.mongo.WriterProgress;
import org.bson.Document;

/**
 * What each writer (a processor segment) has begun to count: the union of the tokens of all its batches, recorded in
 * one document per writer before a batch writes any count. A count document's marker never covers more than that, so
 * a batch none of whose events the writer had begun, and whose token covers all it had begun, finds none of its events
 * applied anywhere and no marker its token does not cover: its counts can be written without reading a marker
 * ({@link GuardedCounts#applyFresh}). Any other batch (one delivered again after a crash, or after another process held
 * the segment) reads the markers ({@link GuardedCounts#apply}).
 *
 * <p>The record is kept by compare-and-set on a version, and this process remembers the version it last wrote, so a
 * batch costs one write and no read while no other process writes for the same writer.
 */
public final class BatchIntents {

    private static final String VERSION = "version";
    private static final String BEGUN = "begun";

    private final Map<String, Begun> lastWritten = new ConcurrentHashMap<>();

    /** A writer's record: its version, and what it has begun (null before its first batch). */
    private record Begun(long version, WriterProgress progress) {
    }

    /**
     * Records that {@code writer} begins a batch of the events at {@code positions}, whose last event's token is
     * {@code token}, in {@code intents} (one collection per set of count collections the writer counts in).
     *
     * @return whether the batch is fresh: none of its events begun before, and everything begun covered by its token
     */
    public boolean begin(MongoCollection<Document> intents, String writer, Collection<Long> positions,
                         WriterProgress token) {
        String key = intents.getNamespace().getFullName() + "/" + writer;
        Begun before = lastWritten.get(key);
        if (before == null || !advance(intents, writer, before, token)) {
            // This process's first batch for the writer, or another process has written for it since.
            do {
                before = read(intents, writer);
            } while (!advance(intents, writer, before, token));
        }
        WriterProgress begun = before.progress();
        lastWritten.put(key, new Begun(before.version() + 1, begun == null ? token : begun.union(token)));
        // A writer without a record may have counted before records were kept: its markers are unknown.
        return begun != null && coversAll(token, begun) && positions.stream().noneMatch(begun::covers);
    }

    /** Forgets what this process wrote, for collections that are dropped. */
    public void forget() {
        lastWritten.clear();
    }

    private static boolean coversAll(WriterProgress token, WriterProgress begun) {
        return begun.upTo() <= token.upTo()
                && token.gaps().headSet(begun.upTo() + 1).stream().allMatch(begun.gaps()::contains);
    }

    private static Begun read(MongoCollection<Document> intents, String writer) {
        Document d = intents.find(Filters.eq("_id", writer)).first();
        return d == null ? new Begun(0, null)
                : new Begun(d.get(VERSION, Number.class).longValue(), WriterProgress.fromStored(d.get(BEGUN)));
    }

    /** Writes what the writer has begun with this batch, unless its record is no longer at {@code before}. */
    @ScansAccepted(adr = "0001", why = "a compare-and-set on a writer's record: _id plus the version it expects; the "
            + "collection holds one document per processor segment")
    private static boolean advance(MongoCollection<Document> intents, String writer, Begun before,
                                   WriterProgress token) {
        WriterProgress begun = before.progress() == null ? token : before.progress().union(token);
        try {
            if (before.progress() == null) {
                intents.insertOne(new Document("_id", writer).append(VERSION, 1L).append(BEGUN, begun.toDocument()));
                return true;
            }
            return intents.updateOne(Filters.and(Filters.eq("_id", writer), Filters.eq(VERSION, before.version())),
                    Updates.combine(Updates.set(VERSION, before.version() + 1), Updates.set(BEGUN, begun.toDocument())))
                    .getMatchedCount() == 1;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            return false;
        }
    }
}
