package ma.crafts.register.query.artisan.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoServerException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Search index over the artisan view that never scans the artisan collection (mongo-java-server only uses unique
 * single-field indexes, so a filter on region or status would be a full scan).
 *
 * <p>Members are grouped in <em>windows</em> of {@value #WINDOW} global positions: an artisan's window is fixed by the
 * position of its registration, so members come out in registration order and each artisan always lands in the same
 * window. A window document ({@code _id = "#" + windowNo}) holds, per bucket key, its members ({@code k}, entries
 * {@code "<position>|<id>"}) and their count ({@code n}), plus the last event sequence applied per artisan ({@code a}).
 * Moving an artisan between buckets (all its 12 keys at once) is a single atomic {@code findOneAndUpdate} of that
 * window, made only if the artisan's recorded sequence is older than the event: a redelivered event changes nothing.
 *
 * <p>Each bucket key has a directory document ({@code _id = key}) holding, per window, {@code rev * REV_FACTOR + count},
 * written with {@code $max}. Every window write bumps {@code rev} and returns the window as it was before (a copy taken
 * under the server's lock, unlike a re-read, which may see a half-applied update), from which the exact counts after
 * that write follow; {@code $max} keeps the newest whatever order concurrent writers publish in, and an event
 * redelivered after a crash between the two writes republishes the window's current counts. Totals are sums of
 * window counts.
 *
 * <p>A page is one directory lookup, one {@code $in} over the windows it spans (projected on the one key) and then one
 * {@code $in} over the view.
 */
public class ArtisanSearchIndex {

    public static final String BUCKETS = "query_artisan_search_buckets";
    public static final String CHUNKS = "query_artisan_search_chunks";

    /** Global positions per window: bounds how many members of one key a window can hold. */
    static final long WINDOW = 1024;
    /** Sizes never reach this, so one long carries both the window revision and the size. */
    static final long REV_FACTOR = 1L << 20;

    private static final int DUPLICATE_KEY = 11000;
    private static final int MAX_ATTEMPTS = 5;

    private final MongoCollection<Document> buckets;
    private final MongoCollection<Document> windows;

    public ArtisanSearchIndex(MongoDatabase database) {
        this.buckets = database.getCollection(BUCKETS);
        this.windows = database.getCollection(CHUNKS);
    }

    /**
     * Moves an artisan from the buckets {@code from} to the buckets {@code to} (shared keys are left alone), as the
     * effect of the artisan's event number {@code sequence}. Each artisan's events are applied one at a time and in
     * order (the processor sequences them per aggregate), so checking whether this move was already made and then
     * making it cannot race with another move of the same artisan.
     */
    public void move(String artisanId, long registrationPosition, long sequence, Set<String> from, Set<String> to) {
        List<String> removed = from.stream().filter(k -> !to.contains(k)).toList();
        List<String> added = to.stream().filter(k -> !from.contains(k)).toList();
        if (removed.isEmpty() && added.isEmpty()) {
            return;
        }
        long windowNo = windowNo(registrationPosition);
        String windowId = windowId(windowNo);
        String appliedField = "a." + field(artisanId);
        List<String> touched = new ArrayList<>(added);
        touched.addAll(removed);
        List<String> projected = new ArrayList<>();
        projected.add("rev");
        touched.forEach(key -> projected.add(sizePath(key)));

        Document applied = windows.find(Filters.eq("_id", windowId)).projection(Projections.include(appliedField)).first();
        Document before;
        Map<String, Long> delta = new LinkedHashMap<>();
        if (appliedSequence(applied, artisanId) >= sequence) {
            // Redelivered after a crash that came between this write and the directory's: only republish. The revision
            // bump takes a consistent snapshot (a returned "before" is copied under the server's lock).
            before = windows.findOneAndUpdate(Filters.eq("_id", windowId), Updates.inc("rev", 1L),
                    new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE)
                            .projection(Projections.include(projected)));
            touched.forEach(key -> delta.put(key, 0L));
        } else {
            String member = member(artisanId, registrationPosition);
            List<Bson> updates = new ArrayList<>();
            for (String key : added) {
                updates.add(Updates.push(membersPath(key), member));
                updates.add(Updates.inc(sizePath(key), 1L));
                delta.put(key, 1L);
            }
            for (String key : removed) {
                updates.add(Updates.pull(membersPath(key), member));
                updates.add(Updates.inc(sizePath(key), -1L));
                delta.put(key, -1L);
            }
            updates.add(Updates.set(appliedField, sequence));
            updates.add(Updates.inc("rev", 1L));
            before = retryOnDuplicateKey(() -> windows.findOneAndUpdate(Filters.eq("_id", windowId),
                    Updates.combine(updates), new FindOneAndUpdateOptions().upsert(true)
                            .returnDocument(ReturnDocument.BEFORE).projection(Projections.include(projected))));
        }
        long revision = revision(before) + 1;
        Map<String, Long> sizes = new LinkedHashMap<>();
        delta.forEach((key, change) -> sizes.put(key, size(before, key) + change));
        publish(windowNo, revision, sizes);
    }

    /** One page of artisan ids of a bucket, in registration order, with the bucket's total. */
    public BucketPage page(String key, int page, int size) {
        List<long[]> directory = directory(buckets.find(Filters.eq("_id", key)).first());
        long total = 0;
        for (long[] entry : directory) {
            total += entry[1];
        }
        long offset = (long) page * size;
        if (size <= 0 || offset >= total) {
            return new BucketPage(List.of(), total);
        }
        int first = 0;
        long before = 0;
        while (first < directory.size() && before + directory.get(first)[1] <= offset) {
            before += directory.get(first)[1];
            first++;
        }
        long skip = offset - before;
        List<String> ids = new ArrayList<>(size);
        int next = first;
        while (ids.size() < size && next < directory.size()) {
            // Sizes in the directory may trail the windows by a write; fetch what the directory says is needed and
            // keep going while the windows themselves turn out shorter.
            List<String> windowIds = new ArrayList<>();
            long wanted = skip + (size - ids.size());
            long planned = 0;
            while (next < directory.size() && planned < wanted) {
                windowIds.add(windowId(directory.get(next)[0]));
                planned += directory.get(next)[1];
                next++;
            }
            Map<String, Document> fetched = new HashMap<>();
            for (Document window : windows.find(Filters.in("_id", windowIds)).projection(Projections.include(membersPath(key)))) {
                fetched.put(window.getString("_id"), window);
            }
            for (String windowId : windowIds) {
                List<String> members = new ArrayList<>(members(fetched.get(windowId), key));
                members.sort(Comparator.naturalOrder());
                for (String member : members) {
                    if (skip > 0) {
                        skip--;
                    } else if (ids.size() < size) {
                        ids.add(artisanIdOf(member));
                    }
                }
            }
        }
        return new BucketPage(ids, total);
    }

    /** Number of members of a bucket, from its directory alone. */
    public long count(String key) {
        long total = 0;
        for (long[] entry : directory(buckets.find(Filters.eq("_id", key)).first())) {
            total += entry[1];
        }
        return total;
    }

    public void clear() {
        buckets.drop();
        windows.drop();
    }

    /** One round trip for all keys of a move; a duplicate-key loss in a concurrent first upsert is retried alone. */
    private void publish(long windowNo, long revision, Map<String, Long> sizes) {
        List<UpdateOneModel<Document>> writes = new ArrayList<>(sizes.size());
        for (Map.Entry<String, Long> e : sizes.entrySet()) {
            writes.add(new UpdateOneModel<>(Filters.eq("_id", e.getKey()),
                    Updates.max("chunks.c" + windowNo, revision * REV_FACTOR + e.getValue()),
                    new UpdateOptions().upsert(true)));
        }
        try {
            buckets.bulkWrite(writes, new BulkWriteOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                if (error.getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                UpdateOneModel<Document> write = writes.get(error.getIndex());
                retryOnDuplicateKey(() -> buckets.updateOne(write.getFilter(), write.getUpdate(), write.getOptions()));
            }
        }
    }

    /** Two writers upserting the same new document race on its {@code _id}; the loser retries as an update. */
    private static <T> T retryOnDuplicateKey(Supplier<T> write) {
        for (int attempt = 1; ; attempt++) {
            try {
                return write.get();
            } catch (MongoServerException e) {
                if (!isDuplicateKey(e) || attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private static boolean isDuplicateKey(MongoServerException e) {
        if (e instanceof MongoWriteException w) {
            return w.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
        }
        return e instanceof MongoCommandException && e.getCode() == DUPLICATE_KEY;
    }

    /** (windowNo, size) pairs of a directory document, in window order, empty windows left out. */
    private static List<long[]> directory(Document bucket) {
        List<long[]> entries = new ArrayList<>();
        Document chunkSizes = bucket == null ? null : bucket.get("chunks", Document.class);
        if (chunkSizes == null) {
            return entries;
        }
        for (Map.Entry<String, Object> e : chunkSizes.entrySet()) {
            long size = ((Number) e.getValue()).longValue() % REV_FACTOR;
            if (size > 0) {
                entries.add(new long[] {Long.parseLong(e.getKey().substring(1)), size});
            }
        }
        entries.sort(Comparator.comparingLong(entry -> entry[0]));
        return entries;
    }

    private static List<String> members(Document window, String key) {
        if (window == null) {
            return List.of();
        }
        Document keys = window.get("k", Document.class);
        if (keys == null) {
            return List.of();
        }
        return keys.getList(field(key), String.class, List.of());
    }

    private static long size(Document window, String key) {
        Document sizes = window == null ? null : window.get("n", Document.class);
        Object size = sizes == null ? null : sizes.get(field(key));
        return size instanceof Number n ? n.longValue() : 0;
    }

    private static long appliedSequence(Document window, String artisanId) {
        Document applied = window == null ? null : window.get("a", Document.class);
        Object sequence = applied == null ? null : applied.get(field(artisanId));
        return sequence instanceof Number n ? n.longValue() : -1;
    }

    private static long revision(Document window) {
        Object rev = window == null ? null : window.get("rev");
        return rev instanceof Number n ? n.longValue() : 0;
    }

    /** Zero-padded so that the natural order of members is registration order. */
    static String member(String artisanId, long registrationPosition) {
        return String.format("%019d|%s", Math.max(0L, registrationPosition), artisanId);
    }

    private static String artisanIdOf(String member) {
        return member.substring(member.indexOf('|') + 1);
    }

    /** Keys and ids become field names: escape what a field path cannot hold ('.' separates path parts). */
    static String field(String key) {
        return key.replace("%", "%25").replace(".", "%2E").replace("$", "%24");
    }

    private static String membersPath(String key) {
        return "k." + field(key);
    }

    private static String sizePath(String key) {
        return "n." + field(key);
    }

    static long windowNo(long registrationPosition) {
        return Math.max(0L, registrationPosition) / WINDOW;
    }

    static String windowId(long windowNo) {
        return "#" + windowNo;
    }

    /** A page of artisan ids in bucket order and the bucket's member count. */
    public record BucketPage(List<String> artisanIds, long total) {
    }
}
