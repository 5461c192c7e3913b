package ma.crafts.register.query.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;

/**
 * Count documents changed with {@code $inc}, each event's change applied at most once per writer. {@code $inc} is not
 * idempotent and a processor delivers a batch again after a crash, so every count document records per writer (a
 * processor segment) the events it has applied ({@code "@<writer>"}: a {@link WriterProgress}, the tracking token of
 * the last one merged with what it held), and a batch adds only the changes of events not covered. A position alone
 * would not do: a commit that lands late is delivered after higher positions, and would be taken for one already
 * counted.
 */
public final class GuardedCounts {

    /** Prefix of a count document's field that records a writer's progress. */
    public static final String MARKER = "@";

    private static final int IN_SLICE = 128;
    private static final int MAX_ATTEMPTS = 5;

    private GuardedCounts() {
    }

    /**
     * One event's change to one field of a count document.
     *
     * @param position the event's global position
     * @param progress the writer's progress once this event is applied
     */
    public record Delta(long position, WriterProgress progress, String field, long change) {
    }

    /** Whether a field of a count document is a count (not a writer's marker or the id). */
    public static boolean isCount(String field) {
        return !field.startsWith(MARKER) && !"_id".equals(field);
    }

    /**
     * Applies the deltas (per document id, in delivery order) that the writer has not applied yet, in one unordered
     * bulk write, after reading the documents' markers.
     */
    public static void apply(MongoCollection<Document> counts, String writer, Map<String, List<Delta>> deltas) {
        if (deltas.isEmpty()) {
            return;
        }
        String marker = MARKER + writer;
        Map<String, WriterProgress> applied = markers(counts, marker, List.copyOf(deltas.keySet()));
        List<WriteModel<Document>> writes = new ArrayList<>();
        deltas.forEach((id, changes) -> {
            WriterProgress done = applied.get(id);
            List<Delta> notApplied = changes.stream().filter(delta -> done == null || !done.covers(delta.position()))
                    .toList();
            if (notApplied.isEmpty()) {
                return;
            }
            // The last delta's token covers every event delivered before it; the stored marker may cover events
            // it does not (delivered before a restart, ahead of a late commit delivered only now).
            WriterProgress last = changes.get(changes.size() - 1).progress();
            writes.add(update(id, marker, notApplied, done == null ? last : done.union(last)));
        });
        bulkWrite(counts, writes);
    }

    /**
     * Applies every delta, and sets each document's marker to {@code token}, without reading a marker: for a batch
     * its writer knows to be fresh (the statistics' {@code BatchIntents}): no document holds any of its events, and
     * no marker covers what {@code token} (the batch's last event's) does not.
     */
    public static void applyFresh(MongoCollection<Document> counts, String writer, Map<String, List<Delta>> deltas,
                                  WriterProgress token) {
        String marker = MARKER + writer;
        List<WriteModel<Document>> writes = new ArrayList<>();
        deltas.forEach((id, changes) -> writes.add(update(id, marker, changes, token)));
        bulkWrite(counts, writes);
    }

    private static WriteModel<Document> update(String id, String marker, List<Delta> changes, WriterProgress progress) {
        Map<String, Long> increments = new TreeMap<>();
        changes.forEach(delta -> increments.merge(delta.field(), delta.change(), Long::sum));
        Document update = new Document("$set", new Document(marker, progress.toDocument()));
        Document inc = new Document();
        increments.forEach((field, n) -> {
            if (n != 0) {
                inc.append(field, n);
            }
        });
        if (!inc.isEmpty()) {
            update.append("$inc", inc);
        }
        return new UpdateOneModel<>(Filters.eq("_id", id), update, new UpdateOptions().upsert(true));
    }

    /**
     * Writes in one unordered bulk. Two writers upserting the same new document race on its {@code _id} (real
     * MongoDB); the loser's write is simply an update once the document exists, so it is sent again.
     */
    public static void bulkWrite(MongoCollection<Document> collection, List<WriteModel<Document>> writes) {
        if (writes.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> pending = writes;
        for (int attempt = 1; ; attempt++) {
            try {
                collection.bulkWrite(pending, new BulkWriteOptions().ordered(false));
                return;
            } catch (MongoBulkWriteException e) {
                List<WriteModel<Document>> retry = new ArrayList<>();
                for (BulkWriteError error : e.getWriteErrors()) {
                    if (error.getCategory() != ErrorCategory.DUPLICATE_KEY || attempt >= MAX_ATTEMPTS) {
                        throw e;
                    }
                    retry.add(pending.get(error.getIndex()));
                }
                pending = retry;
            }
        }
    }

    private static Map<String, WriterProgress> markers(MongoCollection<Document> counts, String marker,
                                                       List<String> ids) {
        Map<String, WriterProgress> applied = new HashMap<>();
        for (int from = 0; from < ids.size(); from += IN_SLICE) {
            List<String> slice = ids.subList(from, Math.min(ids.size(), from + IN_SLICE));
            for (Document d : counts.find(Filters.in("_id", slice)).projection(Projections.include(marker))) {
                WriterProgress progress = WriterProgress.fromStored(d.get(marker));
                if (progress != null) {
                    applied.put(d.getString("_id"), progress);
                }
            }
        }
        return applied;
    }
}
