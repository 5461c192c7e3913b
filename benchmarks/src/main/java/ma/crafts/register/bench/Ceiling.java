package ma.crafts.register.bench;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import ma.crafts.register.eventstore.MongoEventStorageEngine;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * What the server itself can do with the register engine's documents, with no Axon and no engine in the way: the
 * ceiling the engine's figures are compared with. A ceiling the engine can beat is no limit, so several raw-driver
 * strategies (access paths, read sizes, thread layouts) race on the same work and the ceiling is the fastest of them.
 * Replay strategies read the very commit documents the store holds, decode the fields the engine's tracking reads decode,
 * and project every event with the same bulk upserts the replayed projection issues; append strategies write copies of
 * the commits (fresh {@code _id} and stream key) into a scratch collection with the same unique index.
 */
final class Ceiling {
    private static final String COMMITS = "commits";
    private static final String COUNTERS = "counters";
    private static final String VIEW = "ceiling_view";
    private static final String SCRATCH_COMMITS = "ceiling_commits";
    /** What the engine's tracking reads fetch of a commit, so that both sides decode the same fields. */
    private static final Bson TRACKED_FIELDS = Projections.include("last", "void", "events");
    /** Positions per {@code $in} query the strategies try, the engine's own first; capped at the window. */
    private static final List<Integer> IN_KEYS = List.of(MongoEventStorageEngine.IN_CHUNK, 64, 256, 1024);
    private static final int INSERT_BATCH = 500;
    private static final InsertManyOptions UNORDERED_INSERT = new InsertManyOptions().ordered(false);
    private static final InsertManyOptions ORDERED_INSERT = new InsertManyOptions().ordered(true);
    private static final BulkWriteOptions UNORDERED_BULK = new BulkWriteOptions().ordered(false);
    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);

    private final MongoDatabase database;
    private final MongoCollection<Document> commits;
    private final int window;
    private final int threads;
    private final Progress progress;

    /**
     * @param window  positions per read (the tracking batch: the engine's fetch window and the processor's batch)
     * @param threads the client threads of the several-thread strategies (those of the append measurement)
     */
    Ceiling(MongoDatabase database, int window, int threads, Progress progress) {
        this.database = database;
        this.commits = database.getCollection(COMMITS);
        this.window = window;
        this.threads = threads;
        this.progress = progress;
    }

    record Strategy(String name, Rate rate) {
        static final Strategy NONE = new Strategy("none", Rate.NONE);
    }

    /** Every strategy's figure, in the order they ran. */
    record Race(List<Strategy> strategies) {
        /** The ceiling: the strategy with the highest rate. */
        Strategy best() {
            return strategies.stream().filter(strategy -> strategy.rate().measured())
                    .max(Comparator.comparingDouble(strategy -> strategy.rate().perSecond())).orElse(Strategy.NONE);
        }

        /** The ceiling in CPU terms: the least process CPU per operation any strategy needed. */
        double leastCpuMicros() {
            return strategies.stream().filter(strategy -> strategy.rate().measured())
                    .mapToDouble(strategy -> strategy.rate().cpuMicrosPerOperation()).min().orElse(Double.NaN);
        }
    }

    record Figures(Race replay, Race append) {
    }

    /**
     * @param events  the events the store holds: the work of every replay strategy
     * @param inserts commit copies each append strategy writes
     */
    Figures measure(long events, int inserts, Duration cap) {
        return new Figures(replayRace(events, cap), appendRace(inserts, cap));
    }

    // ------------------------------------------------------------------ the race

    /** A strategy given a time limit: it stops once the limit is up and is rated on what it did by then. */
    private interface Run {
        Rate measure(Duration limit);
    }

    /**
     * Runs the strategies one after the other, each after a full collection. A strategy still running when the work would
     * have been done at the best rate so far cannot win any more, so it is stopped there and rated on what it did: the
     * losers cost at most the winner's time, and the access paths whose cost grows with the store stay affordable.
     */
    private Race race(Map<String, Run> runs, long work, Duration cap) {
        List<Strategy> strategies = new ArrayList<>(runs.size());
        double bestRate = 0;
        for (Map.Entry<String, Run> run : runs.entrySet()) {
            Duration limit = bestRate > 0 ? min(cap, Duration.ofNanos((long) (work / bestRate * 1e9))) : cap;
            System.gc();
            Rate rate = run.getValue().measure(limit);
            strategies.add(new Strategy(run.getKey(), rate));
            progress.say("    ceiling %s: %,.0f/s (%,.0f µs CPU each)%s", run.getKey(), rate.perSecond(),
                    rate.cpuMicrosPerOperation(), rate.bounded() ? ", stopped at its time limit" : "");
            bestRate = Math.max(bestRate, rate.perSecond());
        }
        return new Race(strategies);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    // ------------------------------------------------------------------ replay

    /** Hands out the store's commits a window at a time, to one thread or several; null once all are handed out. */
    private interface Windows extends AutoCloseable {
        List<Document> next();

        @Override
        default void close() {
        }
    }

    /** How the windows are read and projected; returns the events projected before none was left or the deadline passed. */
    private interface Layout {
        long project(Windows windows, MongoCollection<Document> view, long deadline);
    }

    Race replayRace(long events, Duration cap) {
        long head = head();
        Map<String, Supplier<Windows>> reads = new LinkedHashMap<>();
        IN_KEYS.stream().map(keys -> Math.min(keys, window)).distinct().forEach(keys ->
                reads.put("$in " + keys + " keys", () -> byPosition(head, (from, to) -> inChunks(from, to, keys))));
        // mongo-java-server serves a range from no index: every window scans the whole collection.
        reads.put("_id range", () -> byPosition(head, this::range));
        reads.put("one find, batchSize " + window, this::oneCursor);
        Map<String, Layout> layouts = new LinkedHashMap<>();
        // The engine's own layout first: the likeliest winner, so that the others are stopped early.
        layouts.put("read-ahead", Ceiling::projectReadingAhead);
        layouts.put("1 thread", (windows, view, deadline) -> projectOnThreads(1, windows, view, deadline));
        layouts.put(threads + " threads", (windows, view, deadline) -> projectOnThreads(threads, windows, view, deadline));
        Map<String, Run> runs = new LinkedHashMap<>();
        reads.forEach((read, windows) -> layouts.forEach((layoutName, layout) ->
                runs.put(read + ", " + layoutName, replay(windows, layout, events))));
        return race(runs, events, cap);
    }

    private Run replay(Supplier<Windows> source, Layout layout, long events) {
        return limit -> {
            MongoCollection<Document> view = Scratch.empty(database, VIEW);
            Rate.Clock clock = Rate.Clock.start();
            long projected;
            try (Windows windows = source.get()) {
                projected = layout.project(windows, view, clock.wallNanos() + limit.toNanos());
            }
            Rate rate = clock.stop(projected).bounded(projected < events);
            Scratch.drop(database, VIEW);
            return rate;
        };
    }

    /** Every thread reads, decodes and projects windows of its own. */
    private static long projectOnThreads(int count, Windows windows, MongoCollection<Document> view, long deadline) {
        AtomicLong projected = new AtomicLong();
        Workers.run(count, () -> {
            List<Document> found;
            while (System.nanoTime() < deadline && (found = windows.next()) != null) {
                projected.addAndGet(project(found, view));
            }
        });
        return projected.get();
    }

    /** As the engine replays: a second thread reads and decodes the next windows while this one projects one. */
    private static long projectReadingAhead(Windows windows, MongoCollection<Document> view, long deadline) {
        BlockingQueue<Optional<List<Document>>> ready = new ArrayBlockingQueue<>(1);
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try {
            Future<?> reading = reader.submit(() -> {
                try {
                    List<Document> found;
                    while (System.nanoTime() < deadline && (found = windows.next()) != null) {
                        ready.put(Optional.of(found));
                    }
                } finally {
                    ready.put(Optional.empty());
                }
                return null;
            });
            long projected = 0;
            for (Optional<List<Document>> found = ready.take(); found.isPresent(); found = ready.take()) {
                projected += project(found.get(), view);
            }
            Workers.await(reading);
            return projected;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            reader.shutdownNow();
        }
    }

    /** What the replayed projection does with a processor batch: one unordered bulk of upserts per window. */
    private static int project(List<Document> found, MongoCollection<Document> view) {
        ProjectionBatch batch = new ProjectionBatch();
        for (Document commit : found) {
            for (Document event : eventsOf(commit)) {
                Document payload = event.get("payload", Document.class);
                if (event.getString("payloadType").endsWith("AccountOpened")) {
                    batch.opened(payload.getString("accountId"), payload.getString("holder"), payload.getString("region"));
                } else {
                    batch.entry(payload.getString("accountId"), payload.get("amount", Number.class).longValue());
                }
            }
        }
        batch.writeTo(view);
        return batch.events();
    }

    private interface PositionRead {
        List<Document> read(long from, long to);
    }

    /** Consecutive windows of positions, as tracking reads them, handed to whichever thread asks next. */
    private Windows byPosition(long head, PositionRead read) {
        AtomicLong next = new AtomicLong();
        return () -> {
            long from = next.getAndAdd(window);
            return from >= head ? null : read.read(from, Math.min(from + window, head));
        };
    }

    /** The engine's access path: lookups by {@code _id} in {@code $in} lists of {@code keys} positions each. */
    private List<Document> inChunks(long from, long to, int keys) {
        List<Long> positions = LongStream.range(from, to).boxed().toList();
        List<Document> found = new ArrayList<>(positions.size());
        for (int chunk = 0; chunk < positions.size(); chunk += keys) {
            commits.find(in("_id", positions.subList(chunk, Math.min(positions.size(), chunk + keys))))
                    .projection(TRACKED_FIELDS).into(found);
        }
        return found;
    }

    private List<Document> range(long from, long to) {
        return commits.find(and(gte("_id", from), lt("_id", to))).projection(TRACKED_FIELDS).into(new ArrayList<>());
    }

    /** One cursor over the whole collection in storage order, cut into windows of as many documents as positions. */
    private Windows oneCursor() {
        // mongo-java-server answers a find in one reply unless told a batch size, and replies are capped at 48 MB.
        MongoCursor<Document> cursor = commits.find().projection(TRACKED_FIELDS).batchSize(window).cursor();
        return new Windows() {
            @Override
            public synchronized List<Document> next() {
                if (!cursor.hasNext()) {
                    return null;
                }
                List<Document> found = new ArrayList<>(window);
                while (found.size() < window && cursor.hasNext()) {
                    found.add(cursor.next());
                }
                return found;
            }

            @Override
            public void close() {
                cursor.close();
            }
        };
    }

    private long head() {
        Document counter = database.getCollection(COUNTERS).find(eq("_id", "commits")).first();
        return counter == null ? 0 : counter.get("next", Number.class).longValue();
    }

    private static List<Document> eventsOf(Document commit) {
        List<Document> events = commit.getList("events", Document.class);
        return events == null ? List.of() : events;
    }

    // ------------------------------------------------------------------ append

    private Race appendRace(int count, Duration cap) {
        List<Document> templates = templates();
        Map<String, Run> runs = new LinkedHashMap<>();
        for (int writers : List.of(threads, 1)) {
            String on = writers == 1 ? "1 thread" : writers + " threads";
            runs.put("insertMany " + INSERT_BATCH + " unordered, " + on, append(templates, count, writers, INSERT_BATCH,
                    (scratch, copies) -> scratch.insertMany(copies, UNORDERED_INSERT)));
            runs.put("insertMany " + INSERT_BATCH + " ordered, " + on, append(templates, count, writers, INSERT_BATCH,
                    (scratch, copies) -> scratch.insertMany(copies, ORDERED_INSERT)));
            runs.put("bulk upsert " + INSERT_BATCH + " unordered, " + on, append(templates, count, writers, INSERT_BATCH,
                    (scratch, copies) -> scratch.bulkWrite(upserts(copies), UNORDERED_BULK)));
            runs.put("insertOne, " + on, append(templates, count, writers, 1,
                    (scratch, copies) -> scratch.insertOne(copies.get(0))));
        }
        return race(runs, count, cap);
    }

    /** {@code count} commit copies, {@code perCall} per write, from {@code writers} threads. */
    private Run append(List<Document> templates, int count, int writers, int perCall,
                       BiConsumer<MongoCollection<Document>, List<Document>> write) {
        return limit -> {
            MongoCollection<Document> scratch = Scratch.empty(database, SCRATCH_COMMITS);
            scratch.createIndex(Indexes.ascending("streamKeys"), new IndexOptions().unique(true).sparse(true));
            AtomicInteger next = new AtomicInteger();
            AtomicLong written = new AtomicLong();
            Rate.Clock clock = Rate.Clock.start();
            long deadline = clock.wallNanos() + limit.toNanos();
            Workers.run(writers, () -> {
                int from;
                while (System.nanoTime() < deadline && (from = next.getAndAdd(perCall)) < count) {
                    List<Document> copies = new ArrayList<>(perCall);
                    for (int index = from; index < Math.min(count, from + perCall); index++) {
                        copies.add(copy(templates, index));
                    }
                    write.accept(scratch, copies);
                    written.addAndGet(copies.size());
                }
            });
            Rate rate = clock.stop(written.get()).bounded(written.get() < count);
            Scratch.drop(database, SCRATCH_COMMITS);
            return rate;
        };
    }

    private static List<WriteModel<Document>> upserts(List<Document> copies) {
        List<WriteModel<Document>> upserts = new ArrayList<>(copies.size());
        for (Document copy : copies) {
            upserts.add(new ReplaceOneModel<>(eq("_id", copy.get("_id")), copy, UPSERT));
        }
        return upserts;
    }

    private List<Document> templates() {
        List<Long> positions = LongStream.range(0, Math.min(head(), window)).boxed().toList();
        List<Document> templates = commits.find(in("_id", positions)).into(new ArrayList<>());
        templates.removeIf(commit -> commit.containsKey("void"));
        if (templates.isEmpty()) {
            throw new IllegalStateException("The store holds no commit to copy");
        }
        return templates;
    }

    private static Document copy(List<Document> templates, int index) {
        Document copy = new Document(templates.get(index % templates.size()));
        copy.put("_id", (long) index);
        copy.put("last", (long) index);
        copy.put("streamKeys", "ceiling-" + index + "#0");
        return copy;
    }
}
