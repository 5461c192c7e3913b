package ma.crafts.register.query.artisan.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import ma.crafts.register.query.artisan.ArtisanSearchKeys;
import ma.crafts.register.query.artisan.ArtisanSearchKeys.Filter;
import ma.crafts.register.query.artisan.ArtisanSearchKeys.Placement;
import ma.crafts.register.query.projection.CollectionNames;
import org.bson.Document;

/**
 * Search index over the artisan view that never scans (mongo-java-server only serves {@code _id} lookups from an
 * index) and whose write cost per event does not grow with the register (mongo-java-server rewrites a whole document
 * on every update, and parses every dotted field path with regular expressions, so documents stay bounded and fields
 * top-level).
 *
 * <p><b>Members.</b> Artisans are kept in <em>windows</em> of {@value #WINDOW} global positions, fixed by the position
 * of their registration, so pages come out in registration order and an artisan never changes window. A window
 * document ({@code _id = "#" + windowNo}) has one field per member: {@code "<position>|<region>|<province>|<branch>|
 * <status>"}. Writing a member is a {@code $set} of its placement (or an {@code $unset}), which a redelivered event
 * simply repeats.
 *
 * <p><b>Counts.</b> Every search key has a territory (its province, else its region, else the whole country) and a
 * {@code branch|status} part. For each territory, count documents at three levels hold the number of members per
 * {@code branch|status}: level 1 per window, level 2 per {@value #FANOUT} windows, level 3 per {@value #FANOUT} level-2
 * nodes ({@code _id = "<level>/<territory>/<node>"}). An artisan counts in three territories, so a batch of
 * registrations updates about three count documents per territory it touches, whatever the register's size. Counts
 * are changed with {@code $inc}, which is not idempotent; so each count document also records, per writer (a
 * processor segment, whose events arrive in store order), the global position of the last event it applied
 * ({@code "@<writer>"}), and a batch adds only the changes of later events. A batch interrupted half-way and delivered
 * again therefore completes without counting anything twice. Writers share no marker, so segments working in
 * parallel never wait for one another.
 *
 * <p><b>Pages.</b> A page descends the counts of the key's territory (level 3, then 2, then 1) to the window holding
 * its first member, then reads that window and the following ones with one {@code $in} and keeps the members the key
 * matches. Totals are sums of level-3 counts. The highest window written ({@code "#max"} in the counts) bounds the
 * level-3 nodes.
 */
public class ArtisanSearchIndex {

    public static final String WINDOWS = "query_artisan_search_windows";
    public static final String COUNTS = "query_artisan_search_counts";

    /** Global positions per window: bounds a window document to this many members. */
    static final long WINDOW = 1024;
    /** Children of a count node above level 1: bounds the reads of one descent. */
    static final int FANOUT = 64;
    private static final int SHIFT = 6;
    private static final int LEVELS = 3;
    private static final String MAX = "#max";
    private static final String MAX_WINDOW = "w";
    private static final String MARKER = "@";
    private static final String MEMBER = "a";
    /** mongo-java-server checks every document of an {@code $in} answer against the whole list: keep lists short. */
    private static final int IN_SLICE = 128;
    private static final int MAX_ATTEMPTS = 5;

    private final MongoDatabase database;
    private final CollectionNames names;

    public ArtisanSearchIndex(MongoDatabase database) {
        this(database, CollectionNames.FIRST_GENERATION);
    }

    /** The index of the generation {@code names} designates, looked up on every call so that a switch takes effect. */
    public ArtisanSearchIndex(MongoDatabase database, CollectionNames names) {
        this.database = database;
        this.names = names;
    }

    private MongoCollection<Document> windows() {
        return database.getCollection(names.of(WINDOWS));
    }

    private MongoCollection<Document> counts() {
        return database.getCollection(names.of(COUNTS));
    }

    /**
     * One event's effect on an artisan's place in the index.
     *
     * @param registrationPosition global position of the artisan's registration: fixes its window
     * @param position             global position of the event; orders the changes of one writer
     * @param from                 the placement before the event, or null when the artisan was not indexed
     * @param to                   the placement after the event, or null when the artisan leaves the index
     */
    public record Move(String artisanId, long registrationPosition, long position, Placement from, Placement to) {
        public Move {
            Objects.requireNonNull(artisanId, "artisanId");
            if (position < 0) {
                throw new IllegalArgumentException("An indexed event needs its global position: " + artisanId);
            }
        }
    }

    /**
     * Applies the moves of one batch, in event order. {@code writer} names who produced them: its moves must come in
     * the order of their positions across batches (a processor segment), and no other writer may move the same
     * artisans (the processor sequences an artisan's events on one segment).
     */
    public void apply(String writer, List<Move> moves) {
        if (moves.isEmpty()) {
            return;
        }
        writeMembers(moves);
        long highestWindow = writeCounts(writer, moves);
        counts().updateOne(Filters.eq("_id", MAX), Updates.max(MAX_WINDOW, highestWindow), new UpdateOptions().upsert(true));
    }

    /** One page of artisan ids of a search key, in registration order, with the key's total. */
    public BucketPage page(String key, int page, int size) {
        Filter filter = Filter.parse(key);
        List<long[]> top = topNodes(filter);
        long total = sum(top);
        long offset = (long) page * size;
        if (size <= 0 || offset >= total) {
            return new BucketPage(List.of(), total);
        }
        Cursor cursor = new Cursor(offset, size);
        collect(LEVELS, top, filter, cursor);
        return new BucketPage(cursor.ids, total);
    }

    /** Number of artisans a search key matches, from the counts alone. */
    public long count(String key) {
        return sum(topNodes(Filter.parse(key)));
    }

    public void clear() {
        windows().drop();
        counts().drop();
    }

    /** The members' placements, last move per artisan; repeating it changes nothing. */
    void writeMembers(List<Move> moves) {
        Map<String, Move> last = new LinkedHashMap<>();
        for (Move move : moves) {
            last.put(move.artisanId(), move);
        }
        Map<Long, Document> sets = new TreeMap<>();
        Map<Long, Document> unsets = new TreeMap<>();
        for (Move move : last.values()) {
            long window = windowNo(move.registrationPosition());
            if (move.to() == null) {
                unsets.computeIfAbsent(window, w -> new Document()).append(memberField(move.artisanId()), "");
            } else {
                sets.computeIfAbsent(window, w -> new Document())
                        .append(memberField(move.artisanId()), member(move.registrationPosition(), move.to()));
            }
        }
        List<WriteModel<Document>> writes = new ArrayList<>();
        for (long window : union(sets.keySet(), unsets.keySet())) {
            Document update = new Document();
            Document set = sets.get(window);
            Document unset = unsets.get(window);
            if (set != null) {
                update.append("$set", set);
            }
            if (unset != null) {
                update.append("$unset", unset);
            }
            writes.add(new UpdateOneModel<>(Filters.eq("_id", windowId(window)), update,
                    new UpdateOptions().upsert(set != null)));
        }
        bulkWrite(windows(), writes);
    }

    /** Returns the highest window the moves touched. */
    private long writeCounts(String writer, List<Move> moves) {
        Map<String, List<Delta>> deltas = new LinkedHashMap<>();
        long highestWindow = -1;
        for (Move move : moves) {
            long window = windowNo(move.registrationPosition());
            highestWindow = Math.max(highestWindow, window);
            Map<String, Map<String, Integer>> change = contributions(move.to());
            contributions(move.from()).forEach((territory, fields) -> fields.forEach((field, n) ->
                    change.computeIfAbsent(territory, t -> new HashMap<>()).merge(field, -n, Integer::sum)));
            change.forEach((territory, fields) -> fields.forEach((field, n) -> {
                if (n != 0) {
                    for (int level = 1; level <= LEVELS; level++) {
                        deltas.computeIfAbsent(nodeId(level, territory, nodeNo(level, window)), id -> new ArrayList<>())
                                .add(new Delta(move.position(), field, n));
                    }
                }
            }));
        }
        if (deltas.isEmpty()) {
            return highestWindow;
        }
        String marker = MARKER + writer;
        Map<String, Long> applied = markers(marker, List.copyOf(deltas.keySet()));
        List<WriteModel<Document>> writes = new ArrayList<>();
        deltas.forEach((id, changes) -> {
            long done = applied.getOrDefault(id, -1L);
            Map<String, Long> increments = new TreeMap<>();
            long newest = -1;
            for (Delta delta : changes) {
                if (delta.position > done) {
                    increments.merge(delta.field, (long) delta.change, Long::sum);
                    newest = Math.max(newest, delta.position);
                }
            }
            if (newest < 0) {
                return;
            }
            Document update = new Document("$set", new Document(marker, newest));
            Document inc = new Document();
            increments.forEach((field, n) -> {
                if (n != 0) {
                    inc.append(field, n);
                }
            });
            if (!inc.isEmpty()) {
                update.append("$inc", inc);
            }
            writes.add(new UpdateOneModel<>(Filters.eq("_id", id), update, new UpdateOptions().upsert(true)));
        });
        bulkWrite(counts(), writes);
        return highestWindow;
    }

    private Map<String, Long> markers(String marker, List<String> ids) {
        Map<String, Long> applied = new HashMap<>();
        for (int from = 0; from < ids.size(); from += IN_SLICE) {
            List<String> slice = ids.subList(from, Math.min(ids.size(), from + IN_SLICE));
            for (Document d : counts().find(Filters.in("_id", slice)).projection(Projections.include(marker))) {
                if (d.get(marker) instanceof Number n) {
                    applied.put(d.getString("_id"), n.longValue());
                }
            }
        }
        return applied;
    }

    /** Territory to {@code branch|status} field to count, for one placement (empty for none). */
    private static Map<String, Map<String, Integer>> contributions(Placement placement) {
        Map<String, Map<String, Integer>> contributions = new HashMap<>();
        if (placement == null) {
            return contributions;
        }
        List<String> fields = new ArrayList<>(4);
        fields.add(countField(null, null));
        fields.add(countField(null, placement.status()));
        if (placement.branchCode() != null) {
            fields.add(countField(placement.branchCode(), null));
            fields.add(countField(placement.branchCode(), placement.status()));
        }
        List<String> territories = new ArrayList<>(3);
        territories.add(ArtisanSearchKeys.ANY);
        if (placement.regionCode() != null) {
            territories.add(placement.regionCode());
        }
        if (placement.provinceCode() != null && !placement.provinceCode().equals(placement.regionCode())) {
            territories.add(placement.provinceCode());
        }
        for (String territory : territories) {
            Map<String, Integer> counted = contributions.computeIfAbsent(territory, t -> new HashMap<>());
            fields.forEach(field -> counted.merge(field, 1, Integer::sum));
        }
        return contributions;
    }

    /** The level-3 nodes of the filter's territory with a non-zero count, in order. */
    private List<long[]> topNodes(Filter filter) {
        String field = countField(filter.branchCode(), filter.status());
        String first = nodeId(LEVELS, filter.territory(), 0);
        Map<String, Document> found = new HashMap<>();
        for (Document d : counts().find(Filters.in("_id", List.of(MAX, first)))
                .projection(Projections.include(MAX_WINDOW, field))) {
            found.put(d.getString("_id"), d);
        }
        Document max = found.get(MAX);
        if (max == null || !(max.get(MAX_WINDOW) instanceof Number highest)) {
            return List.of();
        }
        long lastNode = nodeNo(LEVELS, highest.longValue());
        List<long[]> nodes = new ArrayList<>();
        addIfCounted(nodes, 0, found.get(first), field);
        if (lastNode > 0) {
            List<String> ids = new ArrayList<>();
            for (long node = 1; node <= lastNode; node++) {
                ids.add(nodeId(LEVELS, filter.territory(), node));
            }
            nodes.addAll(countsOf(ids, field));
        }
        return nodes;
    }

    /** The children of a node at {@code level + 1}, at {@code level}, with a non-zero count, in order. */
    private List<long[]> children(int level, long parent, Filter filter) {
        String field = countField(filter.branchCode(), filter.status());
        List<String> ids = new ArrayList<>(FANOUT);
        for (long child = parent << SHIFT; child < (parent + 1) << SHIFT; child++) {
            ids.add(nodeId(level, filter.territory(), child));
        }
        return countsOf(ids, field);
    }

    private List<long[]> countsOf(List<String> ids, String field) {
        List<long[]> nodes = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += IN_SLICE) {
            List<String> slice = ids.subList(from, Math.min(ids.size(), from + IN_SLICE));
            for (Document d : counts().find(Filters.in("_id", slice)).projection(Projections.include(field))) {
                String id = d.getString("_id");
                addIfCounted(nodes, Long.parseLong(id.substring(id.lastIndexOf('/') + 1)), d, field);
            }
        }
        nodes.sort(Comparator.comparingLong(node -> node[0]));
        return nodes;
    }

    private static void addIfCounted(List<long[]> nodes, long node, Document d, String field) {
        if (d != null && d.get(field) instanceof Number n && n.longValue() > 0) {
            nodes.add(new long[] {node, n.longValue()});
        }
    }

    /**
     * Walks the nodes in order, skipping whole nodes by their counts and descending into the one where the page
     * starts; at level 1 it reads the windows themselves. Counts can trail the windows by a batch being written, so
     * members are taken as the windows hold them, and reading goes on while the page is not full.
     */
    private void collect(int level, List<long[]> nodes, Filter filter, Cursor cursor) {
        for (int i = 0; i < nodes.size() && !cursor.full(); i++) {
            long[] node = nodes.get(i);
            if (cursor.skip >= node[1]) {
                cursor.skip -= node[1];
                continue;
            }
            if (level > 1) {
                collect(level - 1, children(level - 1, node[0], filter), filter, cursor);
                continue;
            }
            List<Long> planned = new ArrayList<>();
            long expected = 0;
            int next = i;
            while (next < nodes.size() && expected < cursor.skip + cursor.remaining()) {
                planned.add(nodes.get(next)[0]);
                expected += nodes.get(next)[1];
                next++;
            }
            readWindows(planned, filter, cursor);
            i = next - 1;
        }
    }

    private void readWindows(List<Long> windowNos, Filter filter, Cursor cursor) {
        Map<String, Document> found = new HashMap<>();
        List<String> ids = windowNos.stream().map(ArtisanSearchIndex::windowId).toList();
        for (int from = 0; from < ids.size(); from += IN_SLICE) {
            for (Document d : windows().find(Filters.in("_id", ids.subList(from, Math.min(ids.size(), from + IN_SLICE))))) {
                found.put(d.getString("_id"), d);
            }
        }
        for (String id : ids) {
            Document window = found.get(id);
            if (window == null) {
                continue;
            }
            List<String[]> members = new ArrayList<>();
            for (Map.Entry<String, Object> entry : window.entrySet()) {
                if (entry.getKey().startsWith(MEMBER) && entry.getValue() instanceof String value) {
                    String[] parts = value.split("\\|", -1);
                    Placement placement = new Placement(emptyToNull(parts[1]), emptyToNull(parts[2]),
                            emptyToNull(parts[3]), emptyToNull(parts[4]));
                    if (filter.matches(placement)) {
                        members.add(new String[] {parts[0], unescape(entry.getKey().substring(MEMBER.length()))});
                    }
                }
            }
            members.sort(Comparator.comparing((String[] m) -> m[0]).thenComparing(m -> m[1]));
            for (String[] member : members) {
                cursor.offer(member[1]);
            }
        }
    }

    private static void bulkWrite(MongoCollection<Document> collection, List<WriteModel<Document>> writes) {
        if (writes.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> pending = writes;
        for (int attempt = 1; ; attempt++) {
            try {
                collection.bulkWrite(pending, new BulkWriteOptions().ordered(false));
                return;
            } catch (MongoBulkWriteException e) {
                // Two writers upserting the same new document race on its _id (real MongoDB); the loser's write is
                // simply an update once the document exists, so it is sent again.
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

    private static long sum(List<long[]> nodes) {
        long total = 0;
        for (long[] node : nodes) {
            total += node[1];
        }
        return total;
    }

    private static List<Long> union(java.util.Set<Long> a, java.util.Set<Long> b) {
        java.util.TreeSet<Long> all = new java.util.TreeSet<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    /** Zero-padded so that the natural order of members is registration order. */
    private static String member(long registrationPosition, Placement placement) {
        return String.format("%019d", Math.max(0L, registrationPosition)) + "|" + orEmpty(placement.regionCode()) + "|"
                + orEmpty(placement.provinceCode()) + "|" + orEmpty(placement.branchCode()) + "|"
                + orEmpty(placement.status());
    }

    private static String countField(String branchCode, String status) {
        return escape((branchCode == null ? ArtisanSearchKeys.ANY : branchCode) + "|"
                + (status == null ? ArtisanSearchKeys.ANY : status));
    }

    private static String memberField(String artisanId) {
        return MEMBER + escape(artisanId);
    }

    /** Ids and codes become field names: escape what a field name cannot hold ('.' separates path parts). */
    static String escape(String value) {
        return value.replace("%", "%25").replace(".", "%2E").replace("$", "%24");
    }

    static String unescape(String field) {
        return field.replace("%24", "$").replace("%2E", ".").replace("%25", "%");
    }

    static long windowNo(long registrationPosition) {
        return Math.max(0L, registrationPosition) / WINDOW;
    }

    static String windowId(long windowNo) {
        return "#" + windowNo;
    }

    private static long nodeNo(int level, long window) {
        return window >> (SHIFT * (level - 1));
    }

    private static String nodeId(int level, String territory, long node) {
        return level + "/" + territory + "/" + node;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static String emptyToNull(String value) {
        return value.isEmpty() ? null : value;
    }

    private record Delta(long position, String field, int change) {
    }

    /** How much of the key's sequence is still to skip and the ids taken so far. */
    private static final class Cursor {
        long skip;
        final int size;
        final List<String> ids;

        Cursor(long skip, int size) {
            this.skip = skip;
            this.size = size;
            this.ids = new ArrayList<>(size);
        }

        boolean full() {
            return ids.size() >= size;
        }

        long remaining() {
            return size - ids.size();
        }

        void offer(String artisanId) {
            if (skip > 0) {
                skip--;
            } else if (!full()) {
                ids.add(artisanId);
            }
        }
    }

    /** A page of artisan ids in registration order and the number of artisans the key matches. */
    public record BucketPage(List<String> artisanIds, long total) {
    }
}
