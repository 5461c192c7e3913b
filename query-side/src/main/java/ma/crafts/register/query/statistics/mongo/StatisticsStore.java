package ma.crafts.register.query.statistics.mongo;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import ma.crafts.register.query.artisan.ArtisanState;
import ma.crafts.register.query.mongo.ArtisanStateCodec;
import ma.crafts.register.query.mongo.CollectionNames;
import ma.crafts.register.query.mongo.DocumentWrites;
import ma.crafts.register.query.mongo.GuardedCounts;
import ma.crafts.register.query.mongo.WriterProgress;
import org.bson.Document;

/**
 * The statistics read model's collections (docs/adr/0007), all read and written by {@code _id} only:
 * {@code query_statistics_cells} (the current counts, plus {@code #position}, {@code #branches}, {@code #first-day}
 * and {@code #counted-days}), {@code query_statistics_stock_deltas} (each cell's change per UTC day and month,
 * {@code D|<day>|<cell>} and {@code M|<month>|<cell>}), {@code query_statistics_stock_snapshots} (each cell's count at
 * the end of a closed month, {@code M|<month>|<cell>}, written by the reads that need them),
 * {@code query_statistics_flows}, {@code query_statistics_actors} (each artisan's folded state and birth month,
 * which the projection needs to know which cell an artisan leaves) and {@code query_statistics_writers} (what each
 * writer has begun to count, {@link BatchIntents}).
 */
public class StatisticsStore {

    public static final String CELLS = "query_statistics_cells";
    public static final String STOCK_DELTAS = "query_statistics_stock_deltas";
    public static final String STOCK_SNAPSHOTS = "query_statistics_stock_snapshots";
    public static final String FLOWS = "query_statistics_flows";
    public static final String ACTORS = "query_statistics_actors";
    public static final String WRITERS = "query_statistics_writers";
    public static final List<String> COLLECTIONS = List.of(CELLS, STOCK_DELTAS, STOCK_SNAPSHOTS, FLOWS, ACTORS,
            WRITERS);

    private static final String POSITION = "#position";
    private static final String BRANCHES = "#branches";
    private static final String FIRST_DAY = "#first-day";
    private static final String COUNTED_DAYS = "#counted-days";
    private static final String DAY = "day";
    private static final String BIRTH_MONTH = "birthMonth";
    private static final int IN_SLICE = 128;

    private final MongoDatabase database;
    private final CollectionNames names;
    private final BatchIntents intents = new BatchIntents();

    /** The store of the generation {@code names} designates, looked up on every call so that a switch takes effect. */
    public StatisticsStore(MongoDatabase database, CollectionNames names) {
        this.database = database;
        this.names = names;
    }

    /** An artisan as the projection last left it. */
    public record TrackedArtisan(ArtisanState state, YearMonth birthMonth) {
    }

    /**
     * What one batch changes; each map goes from document id to the deltas of the events of the batch, in delivery
     * order. {@code positions} are the batch's events', {@code token} is the tracking token of its last event (null
     * for a batch without events), and {@code days} spans their UTC days.
     */
    public record Changes(Set<Long> positions, WriterProgress token,
                          Map<String, List<GuardedCounts.Delta>> cells,
                          Map<String, List<GuardedCounts.Delta>> stockDeltas,
                          Map<String, List<GuardedCounts.Delta>> flows,
                          Set<String> branches, long highestPosition, Days days,
                          Collection<TrackedArtisan> artisans) {
    }

    /** The first and the last UTC day of a batch's events. */
    public record Days(LocalDate first, LocalDate last) {
    }

    public Map<String, TrackedArtisan> artisans(Collection<String> ids) {
        Map<String, TrackedArtisan> found = new HashMap<>();
        for (Document d : byIds(collection(ACTORS), ids)) {
            String month = d.getString(BIRTH_MONTH);
            found.put(d.getString("_id"), new TrackedArtisan(ArtisanStateCodec.fromDocument(d),
                    month == null ? null : YearMonth.parse(month)));
        }
        return found;
    }

    public Optional<TrackedArtisan> artisan(String id) {
        return Optional.ofNullable(artisans(List.of(id)).get(id));
    }

    /**
     * Writes a batch: the counts first, each guarded per writer so that a batch delivered again adds nothing twice,
     * then the artisans' states, which decide what a batch delivered again finds to move. The counts of a batch the
     * writer has not begun before are written without reading their markers.
     */
    public void write(String writer, Changes changes) {
        boolean fresh = changes.token() != null
                && intents.begin(collection(WRITERS), writer, changes.positions(), changes.token());
        writeCounts(CELLS, writer, changes.cells(), fresh, changes.token());
        writeCounts(STOCK_DELTAS, writer, changes.stockDeltas(), fresh, changes.token());
        writeCounts(FLOWS, writer, changes.flows(), fresh, changes.token());
        List<WriteModel<Document>> bookkeeping = new ArrayList<>();
        if (changes.highestPosition() >= 0) {
            bookkeeping.add(new UpdateOneModel<>(Filters.eq("_id", POSITION),
                    Updates.max("position", changes.highestPosition()), new UpdateOptions().upsert(true)));
        }
        if (!changes.branches().isEmpty()) {
            Document seen = new Document();
            changes.branches().forEach(branch -> seen.append(branch, true));
            bookkeeping.add(new UpdateOneModel<>(Filters.eq("_id", BRANCHES), new Document("$set", seen),
                    new UpdateOptions().upsert(true)));
        }
        if (changes.days() != null) {
            bookkeeping.add(new UpdateOneModel<>(Filters.eq("_id", FIRST_DAY),
                    Updates.min(DAY, changes.days().first().toEpochDay()), new UpdateOptions().upsert(true)));
            bookkeeping.add(new UpdateOneModel<>(Filters.eq("_id", COUNTED_DAYS),
                    Updates.max(writer, changes.days().last().toEpochDay()), new UpdateOptions().upsert(true)));
        }
        GuardedCounts.bulkWrite(collection(CELLS), bookkeeping);
        List<Document> states = new ArrayList<>();
        for (TrackedArtisan artisan : changes.artisans()) {
            Document d = ArtisanStateCodec.toDocument(artisan.state().toBuilder().personalData(null).build());
            states.add(d.append(BIRTH_MONTH, artisan.birthMonth() == null ? null : artisan.birthMonth().toString()));
        }
        DocumentWrites.saveAll(collection(ACTORS), List.of(), states);
    }

    /** Writes the counts of a batch: without reading their markers when it is fresh ({@link BatchIntents}). */
    private void writeCounts(String base, String writer, Map<String, List<GuardedCounts.Delta>> deltas, boolean fresh,
                             WriterProgress token) {
        if (fresh) {
            GuardedCounts.applyFresh(collection(base), writer, deltas, token);
        } else {
            GuardedCounts.apply(collection(base), writer, deltas);
        }
    }

    /** The counts of the cell documents asked for (field to count), absent documents left out. */
    public Map<String, Map<String, Long>> cells(Collection<String> ids) {
        return counts(collection(CELLS), ids);
    }

    public Map<String, Map<String, Long>> stockDeltas(Collection<String> ids) {
        return counts(collection(STOCK_DELTAS), ids);
    }

    public Map<String, Map<String, Long>> flows(Collection<String> ids) {
        return counts(collection(FLOWS), ids);
    }

    /** The counts at the end of closed months, by snapshot id, empty snapshots included; absent ones left out. */
    public Map<String, Map<String, Long>> stockSnapshots(Collection<String> ids) {
        return counts(collection(STOCK_SNAPSHOTS), ids);
    }

    /** Keeps snapshots (id to counts); one written again by a concurrent read holds the same counts. */
    public void saveStockSnapshots(Map<String, Map<String, Long>> snapshots) {
        List<WriteModel<Document>> writes = new ArrayList<>();
        snapshots.forEach((id, counts) -> {
            Document snapshot = new Document("_id", id);
            counts.forEach(snapshot::append);
            writes.add(new ReplaceOneModel<>(Filters.eq("_id", id), snapshot, new ReplaceOptions().upsert(true)));
        });
        GuardedCounts.bulkWrite(collection(STOCK_SNAPSHOTS), writes);
    }

    /** The day of the earliest event counted, if any. */
    public Optional<LocalDate> firstDay() {
        Document d = collection(CELLS).find(Filters.eq("_id", FIRST_DAY)).first();
        return d != null && d.get(DAY) instanceof Number n
                ? Optional.of(LocalDate.ofEpochDay(n.longValue())) : Optional.empty();
    }

    /**
     * The day every writer has counted events up to: the earliest of the writers' latest days. A writer's events come
     * in the order they were recorded, give or take a late commit of a few seconds, so no event of an earlier day
     * than the one before it is still to come.
     */
    public Optional<LocalDate> countedThrough() {
        Document d = collection(CELLS).find(Filters.eq("_id", COUNTED_DAYS)).first();
        if (d == null) {
            return Optional.empty();
        }
        return d.entrySet().stream().filter(e -> !"_id".equals(e.getKey()) && e.getValue() instanceof Number)
                .map(e -> ((Number) e.getValue()).longValue()).min(Long::compare).map(LocalDate::ofEpochDay);
    }

    /** The highest global position counted, or -1 before any. */
    public long position() {
        Document d = collection(CELLS).find(Filters.eq("_id", POSITION)).first();
        return d == null || !(d.get("position") instanceof Number n) ? -1 : n.longValue();
    }

    /** Every branch code an actor has been counted under, the current nomenclature's and any earlier one's. */
    public Set<String> branches() {
        Document d = collection(CELLS).find(Filters.eq("_id", BRANCHES)).first();
        Set<String> branches = new TreeSet<>();
        if (d != null) {
            d.keySet().stream().filter(k -> !"_id".equals(k)).forEach(branches::add);
        }
        return branches;
    }

    public void clear() {
        COLLECTIONS.forEach(name -> collection(name).drop());
        intents.forget();
    }

    private Map<String, Map<String, Long>> counts(MongoCollection<Document> collection, Collection<String> ids) {
        Map<String, Map<String, Long>> counts = new HashMap<>();
        for (Document d : byIds(collection, ids)) {
            Map<String, Long> fields = new HashMap<>();
            d.forEach((field, value) -> {
                if (GuardedCounts.isCount(field) && value instanceof Number n && n.longValue() != 0) {
                    fields.put(field, n.longValue());
                }
            });
            counts.put(d.getString("_id"), fields);
        }
        return counts;
    }

    private static List<Document> byIds(MongoCollection<Document> collection, Collection<String> ids) {
        List<String> all = List.copyOf(ids);
        List<Document> found = new ArrayList<>();
        for (int from = 0; from < all.size(); from += IN_SLICE) {
            collection.find(Filters.in("_id", all.subList(from, Math.min(all.size(), from + IN_SLICE))))
                    .forEach(found::add);
        }
        return found;
    }

    private MongoCollection<Document> collection(String base) {
        return database.getCollection(names.of(base));
    }
}
