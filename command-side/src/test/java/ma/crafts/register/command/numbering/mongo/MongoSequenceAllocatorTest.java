package ma.crafts.register.command.numbering.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import ma.crafts.register.command.numbering.SequenceKey;
import org.bson.Document;
import ma.crafts.register.command.support.EmbeddedMongo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MongoSequenceAllocatorTest {
    private static EmbeddedMongo mongo;
    private MongoDatabase database;
    private MongoSequenceAllocator allocator;

    @BeforeAll
    static void start() {
        mongo = new EmbeddedMongo();
    }

    @AfterAll
    static void stop() {
        mongo.close();
    }

    @BeforeEach
    void setUp() {
        database = mongo.database("seq-" + System.nanoTime());
        allocator = new MongoSequenceAllocator(database);
    }

    @Test
    void startsAtOneAndCountsPerSeriesRegionAndYear() {
        SequenceKey marrakech2026 = new SequenceKey("NIA", "MA-07", 2026);
        assertThat(allocator.next(marrakech2026)).isEqualTo(1);
        assertThat(allocator.next(marrakech2026)).isEqualTo(2);
        assertThat(allocator.next(new SequenceKey("NIA", "MA-06", 2026))).isEqualTo(1);
        assertThat(allocator.next(new SequenceKey("NIA", "MA-07", 2027))).isEqualTo(1);
        assertThat(allocator.next(new SequenceKey("CARD", "MA-07", 2026))).isEqualTo(1);
        assertThat(allocator.next(marrakech2026)).isEqualTo(3);
    }

    @Test
    void aGivenBackNumberIsHandedOutBeforeANewOne() {
        SequenceKey key = new SequenceKey("CARD", "MA-03", 2026);
        for (int i = 0; i < 5; i++) {
            allocator.next(key);
        }
        allocator.giveBack(key, 3);
        allocator.giveBack(key, 5);
        assertThat(allocator.next(key)).isEqualTo(3);
        assertThat(allocator.next(key)).isEqualTo(5);
        assertThat(allocator.next(key)).isEqualTo(6);
        allocator.giveBack(new SequenceKey("CARD", "MA-04", 2026), 1);
        assertThat(allocator.next(key)).as("another region's pool is not ours").isEqualTo(7);
    }

    @Test
    void concurrentAllocationsAreDistinctAndContiguous() throws Exception {
        SequenceKey key = new SequenceKey("NIA", "MA-06", 2026);
        int threads = 8;
        int perThread = 40;
        List<Long> numbers = runConcurrently(threads, () -> {
            List<Long> mine = new ArrayList<>();
            for (int i = 0; i < perThread; i++) {
                mine.add(allocator.next(key));
            }
            return mine;
        });
        assertThat(numbers).hasSize(threads * perThread).doesNotHaveDuplicates();
        assertThat(new TreeSet<>(numbers)).containsExactlyElementsOf(
                LongStream.rangeClosed(1, threads * perThread).boxed().toList());
    }

    @Test
    void concurrentFailuresAndRetriesEndGapFree() throws Exception {
        SequenceKey key = new SequenceKey("CARD", "MA-07", 2026);
        int threads = 8;
        int perThread = 30;
        // Every third allocation "fails" and gives its number back; the survivors must still be exactly 1..N.
        List<Long> kept = runConcurrently(threads, () -> {
            List<Long> mine = new ArrayList<>();
            int attempt = 0;
            while (mine.size() < perThread) {
                long n = allocator.next(key);
                if (attempt++ % 3 == 2) {
                    allocator.giveBack(key, n);
                } else {
                    mine.add(n);
                }
            }
            return mine;
        });
        int total = threads * perThread;
        assertThat(kept).hasSize(total).doesNotHaveDuplicates();
        // Invariant: kept numbers plus those waiting in the pool are exactly 1..counter, nothing lost or doubled.
        long counter = database.getCollection(MongoSequenceAllocator.COUNTERS).find(new Document("_id", key.id())).first()
                .get("issued", Number.class).longValue();
        Document poolDoc = database.getCollection(MongoSequenceAllocator.POOL).find(new Document("_id", key.id())).first();
        List<Long> waiting = poolDoc == null ? List.of()
                : poolDoc.getList("free", Number.class).stream().map(Number::longValue).toList();
        List<Long> all = new ArrayList<>(kept);
        all.addAll(waiting);
        Collections.sort(all);
        assertThat(all).containsExactlyElementsOf(LongStream.rangeClosed(1, counter).boxed().toList());
        // The next allocations fill those holes before the counter moves on.
        Set<Long> refilled = new TreeSet<>();
        for (int i = 0; i < waiting.size(); i++) {
            refilled.add(allocator.next(key));
        }
        assertThat(refilled).containsExactlyInAnyOrderElementsOf(waiting);
        assertThat(allocator.next(key)).isEqualTo(counter + 1);
    }

    private static List<Long> runConcurrently(int threads, Callable<List<Long>> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<List<Long>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return work.call();
                }));
            }
            start.countDown();
            ConcurrentLinkedQueue<Long> all = new ConcurrentLinkedQueue<>();
            for (Future<List<Long>> f : futures) {
                all.addAll(f.get());
            }
            List<Long> result = new ArrayList<>(all);
            Collections.sort(result);
            return result;
        } finally {
            pool.shutdownNow();
        }
    }
}
