package ma.crafts.register.query.artisan.mongo;

import static ma.crafts.register.query.artisan.mongo.SearchIndexLayout.FANOUT;
import static ma.crafts.register.query.artisan.mongo.SearchIndexLayout.IN_SLICE;
import static ma.crafts.register.query.artisan.mongo.SearchIndexLayout.LEVELS;
import static ma.crafts.register.query.artisan.mongo.SearchIndexLayout.MAX;
import static ma.crafts.register.query.artisan.mongo.SearchIndexLayout.MAX_WINDOW;
import static ma.crafts.register.query.artisan.mongo.SearchIndexLayout.MEMBER;
import static ma.crafts.register.query.artisan.mongo.SearchIndexLayout.SHIFT;
import static ma.crafts.register.query.artisan.mongo.SearchIndexLayout.artisanIdOf;
import static ma.crafts.register.query.artisan.mongo.SearchIndexLayout.countField;
import static ma.crafts.register.query.artisan.mongo.SearchIndexLayout.nodeId;
import static ma.crafts.register.query.artisan.mongo.SearchIndexLayout.nodeNo;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ma.crafts.register.query.artisan.ArtisanSearchKeys.Filter;
import ma.crafts.register.query.mongo.ArtisanSearchIndex.BucketPage;
import ma.crafts.register.query.artisan.mongo.SearchIndexLayout.Member;
import org.bson.Document;

/** The read half of the search index: totals from the counts, pages by descending them to the windows. */
public final class ArtisanSearchPages {

    private final MongoCollection<Document> windows;
    private final MongoCollection<Document> counts;

    public ArtisanSearchPages(MongoCollection<Document> windows, MongoCollection<Document> counts) {
        this.windows = windows;
        this.counts = counts;
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

    /** The level-3 nodes of the filter's territory with a non-zero count, in order. */
    private List<long[]> topNodes(Filter filter) {
        String field = countField(filter.branchCode(), filter.status());
        String first = nodeId(LEVELS, filter.territory(), 0);
        Map<String, Document> found = new HashMap<>();
        for (Document d : counts.find(Filters.in("_id", List.of(MAX, first)))
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
            for (Document d : counts.find(Filters.in("_id", slice)).projection(Projections.include(field))) {
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
        List<String> ids = windowNos.stream().map(SearchIndexLayout::windowId).toList();
        for (int from = 0; from < ids.size(); from += IN_SLICE) {
            for (Document d : windows.find(Filters.in("_id", ids.subList(from, Math.min(ids.size(), from + IN_SLICE))))) {
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
                    Member member = Member.parse(value);
                    if (filter.matches(member.placement())) {
                        members.add(new String[] {member.registrationOrder(), artisanIdOf(entry.getKey())});
                    }
                }
            }
            members.sort(Comparator.comparing((String[] m) -> m[0]).thenComparing(m -> m[1]));
            for (String[] member : members) {
                cursor.offer(member[1]);
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
}
