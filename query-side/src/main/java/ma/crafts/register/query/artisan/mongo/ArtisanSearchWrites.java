package ma.crafts.register.query.artisan.mongo;

import static ma.crafts.register.query.artisan.mongo.SearchIndexLayout.LEVELS;
import static ma.crafts.register.query.artisan.mongo.SearchIndexLayout.MAX;
import static ma.crafts.register.query.artisan.mongo.SearchIndexLayout.MAX_WINDOW;
import static ma.crafts.register.query.artisan.mongo.SearchIndexLayout.countField;
import static ma.crafts.register.query.artisan.mongo.SearchIndexLayout.memberField;
import static ma.crafts.register.query.artisan.mongo.SearchIndexLayout.nodeId;
import static ma.crafts.register.query.artisan.mongo.SearchIndexLayout.nodeNo;
import static ma.crafts.register.query.artisan.mongo.SearchIndexLayout.windowId;
import static ma.crafts.register.query.artisan.mongo.SearchIndexLayout.windowNo;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import ma.crafts.register.query.artisan.ArtisanSearchKeys;
import ma.crafts.register.query.artisan.ArtisanSearchKeys.Placement;
import ma.crafts.register.query.mongo.ArtisanSearchIndex.Move;
import ma.crafts.register.query.artisan.mongo.SearchIndexLayout.Member;
import ma.crafts.register.query.mongo.GuardedCounts;
import org.bson.Document;

/** The write half of the search index: members into their windows, then the counts, each batch at most once per writer. */
public final class ArtisanSearchWrites {
    private final MongoCollection<Document> windows;
    private final MongoCollection<Document> counts;

    public ArtisanSearchWrites(MongoCollection<Document> windows, MongoCollection<Document> counts) {
        this.windows = windows;
        this.counts = counts;
    }

    /** @see ArtisanSearchIndex#apply */
    public void apply(String writer, List<Move> moves) {
        if (moves.isEmpty()) {
            return;
        }
        writeMembers(moves);
        long highestWindow = writeCounts(writer, moves);
        counts.updateOne(Filters.eq("_id", MAX), Updates.max(MAX_WINDOW, highestWindow), new UpdateOptions().upsert(true));
    }

    /** The members' placements, last move per artisan; repeating it changes nothing. */
    public void writeMembers(List<Move> moves) {
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
                        .append(memberField(move.artisanId()), Member.of(move.registrationPosition(), move.to()).value());
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
        GuardedCounts.bulkWrite(windows, writes);
    }

    /** Returns the highest window the moves touched. */
    private long writeCounts(String writer, List<Move> moves) {
        Map<String, List<GuardedCounts.Delta>> deltas = new LinkedHashMap<>();
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
                                .add(new GuardedCounts.Delta(move.position(), move.progress(), field, n));
                    }
                }
            }));
        }
        GuardedCounts.apply(counts, writer, deltas);
        return highestWindow;
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

    private static List<Long> union(Set<Long> a, Set<Long> b) {
        TreeSet<Long> all = new TreeSet<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}
