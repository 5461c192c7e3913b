package ma.crafts.register.bench;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import ma.crafts.register.eventstore.MongoEventStorageEngine;
import org.bson.Document;

/**
 * What the server itself can do with the register engine's documents, with no Axon and no engine in the way: the
 * ceiling the engine's figures are compared with. Reads go over the very commit documents the store holds; writes use
 * copies of them (fresh {@code _id} and stream key) in scratch collections with the same unique index.
 */
final class Ceiling {
    private static final String COMMITS = "commits";
    private static final String COUNTERS = "counters";
    private static final int READ_BATCH = 1000;
    private static final int IN_CHUNK = MongoEventStorageEngine.IN_CHUNK;
    private static final int INSERT_BATCH = 500;

    private final MongoDatabase database;
    private final MongoCollection<Document> commits;

    Ceiling(MongoDatabase database) {
        this.database = database;
        this.commits = database.getCollection(COMMITS);
    }

    record Figures(Rate scan, Rate inRead, Rate replay, Rate insertMany, Rate insertOne) {
    }

    Figures measure(int inserts, int insertThreads, Duration cap) {
        return new Figures(scan(), inRead(), replayCeiling(cap), insertMany(inserts, cap), insertOne(inserts, insertThreads, cap));
    }

    private long head() {
        Document counter = database.getCollection(COUNTERS).find(eq("_id", "commits")).first();
        return counter == null ? 0 : counter.get("next", Number.class).longValue();
    }

    /** Every commit document through one cursor, in storage order. */
    Rate scan() {
        Rate.Clock clock = Rate.Clock.start();
        long events = 0;
        // mongo-java-server answers a find in one reply unless told a batch size, and replies are capped at 48 MB.
        for (Document commit : commits.find().batchSize(READ_BATCH)) {
            events += eventsOf(commit).size();
        }
        return clock.stop(events);
    }

    /** The engine's access path without the engine: the next thousand positions by {@code _id} with {@code $in}. */
    Rate inRead() {
        long head = head();
        Rate.Clock clock = Rate.Clock.start();
        long events = 0;
        for (long from = 0; from < head; from += READ_BATCH) {
            for (Document commit : window(from, head)) {
                events += eventsOf(commit).size();
            }
        }
        return clock.stop(events);
    }

    /** The replay ceiling: the same reads, plus the same bulk upserts the projection issues per batch. */
    Rate replayCeiling(Duration cap) {
        MongoCollection<Document> view = Scratch.empty(database, "ceiling_view");
        long head = head();
        Rate.Clock clock = Rate.Clock.start();
        long deadline = clock.wallNanos() + cap.toNanos();
        long events = 0;
        long from = 0;
        for (; from < head && System.nanoTime() < deadline; from += READ_BATCH) {
            ProjectionBatch batch = new ProjectionBatch();
            for (Document commit : window(from, head)) {
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
            events += batch.events();
        }
        Rate rate = clock.stop(events).bounded(from < head);
        Scratch.drop(database, "ceiling_view");
        return rate;
    }

    /** Copies of stored commits, {@value #INSERT_BATCH} per {@code insertMany}, from one thread. */
    Rate insertMany(int count, Duration cap) {
        MongoCollection<Document> scratch = scratchCommits("ceiling_insert_many");
        List<Document> templates = templates();
        Rate.Clock clock = Rate.Clock.start();
        long deadline = clock.wallNanos() + cap.toNanos();
        int written = 0;
        while (written < count && System.nanoTime() < deadline) {
            List<Document> batch = new ArrayList<>(INSERT_BATCH);
            for (int i = 0; i < INSERT_BATCH && written + i < count; i++) {
                batch.add(copy(templates, written + i));
            }
            scratch.insertMany(batch, new InsertManyOptions().ordered(false));
            written += batch.size();
        }
        Rate rate = clock.stop(written).bounded(written < count);
        Scratch.drop(database, "ceiling_insert_many");
        return rate;
    }

    /** Copies of stored commits, one {@code insertOne} each, from as many threads as the append measurement uses. */
    Rate insertOne(int count, int threads, Duration cap) {
        MongoCollection<Document> scratch = scratchCommits("ceiling_insert_one");
        List<Document> templates = templates();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger next = new AtomicInteger();
        AtomicLong written = new AtomicLong();
        Rate.Clock clock = Rate.Clock.start();
        long deadline = clock.wallNanos() + cap.toNanos();
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    int index;
                    while (System.nanoTime() < deadline && (index = next.getAndIncrement()) < count) {
                        scratch.insertOne(copy(templates, index));
                        written.incrementAndGet();
                    }
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        Rate rate = clock.stop(written.get()).bounded(written.get() < count);
        Scratch.drop(database, "ceiling_insert_one");
        return rate;
    }

    private MongoCollection<Document> scratchCommits(String name) {
        MongoCollection<Document> scratch = Scratch.empty(database, name);
        scratch.createIndex(Indexes.ascending("streamKeys"), new IndexOptions().unique(true).sparse(true));
        return scratch;
    }

    private List<Document> templates() {
        List<Document> templates = commits.find(in("_id", positions(0, Math.min(head(), READ_BATCH)))).into(new ArrayList<>());
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

    /**
     * The next thousand positions read the way the engine reads them, so the ceiling is what the server can do, not what a
     * careless reader gets: {@code $in} lists of the engine's chunk size (mongo-java-server matches every candidate
     * against the whole list) and only the events of each commit.
     */
    private List<Document> window(long from, long head) {
        List<Long> positions = positions(from, head);
        List<Document> found = new ArrayList<>(positions.size());
        for (int chunk = 0; chunk < positions.size(); chunk += IN_CHUNK) {
            commits.find(in("_id", positions.subList(chunk, Math.min(positions.size(), chunk + IN_CHUNK))))
                    .projection(Projections.include("events")).into(found);
        }
        return found;
    }

    private static List<Long> positions(long from, long head) {
        List<Long> positions = new ArrayList<>(READ_BATCH);
        for (long position = from; position < Math.min(from + READ_BATCH, head); position++) {
            positions.add(position);
        }
        return positions;
    }

    private static List<Document> eventsOf(Document commit) {
        List<Document> events = commit.getList("events", Document.class);
        return events == null ? List.of() : events;
    }
}
