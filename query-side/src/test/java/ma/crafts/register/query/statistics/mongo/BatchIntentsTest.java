package ma.crafts.register.query.statistics.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import ma.crafts.register.query.mongo.GuardedCounts;
import ma.crafts.register.query.mongo.WriterProgress;
import ma.crafts.register.query.support.InMemoryMongo;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Counts written as the statistics write them: the writer's intent first, then the counts, blind when fresh. */
class BatchIntentsTest {

    private InMemoryMongo mongo;
    private MongoCollection<Document> counts;
    private MongoCollection<Document> writers;

    @BeforeEach
    void setUp() {
        mongo = new InMemoryMongo();
        counts = mongo.database().getCollection("counts");
        writers = mongo.database().getCollection("writers");
    }

    @AfterEach
    void tearDown() {
        mongo.close();
    }

    /** A batch: each event adds one to field {@code f} of every document named; the token is its last event's. */
    private record Batch(Map<String, List<GuardedCounts.Delta>> deltas, Set<Long> positions, WriterProgress token) {
    }

    private static Batch batch(List<String> documents, WriterProgress token, long... positions) {
        Map<String, List<GuardedCounts.Delta>> deltas = new LinkedHashMap<>();
        for (long position : positions) {
            for (String document : documents) {
                deltas.computeIfAbsent(document, d -> new ArrayList<>())
                        .add(new GuardedCounts.Delta(position, WriterProgress.inOrder(position), "f", 1));
            }
        }
        return new Batch(deltas, new TreeSet<>(LongStream.of(positions).boxed().toList()), token);
    }

    private static Batch inOrder(List<String> documents, long... positions) {
        return batch(documents, WriterProgress.inOrder(positions[positions.length - 1]), positions);
    }

    private static WriterProgress token(long upTo, Long... gaps) {
        return new WriterProgress(upTo, new TreeSet<>(Set.of(gaps)));
    }

    /** What StatisticsStore.write does with a batch's counts, in one process (its BatchIntents). */
    private void write(BatchIntents process, String writer, Batch batch) {
        if (process.begin(writers, writer, batch.positions(), batch.token())) {
            GuardedCounts.applyFresh(counts, writer, batch.deltas(), batch.token());
        } else {
            GuardedCounts.apply(counts, writer, batch.deltas());
        }
    }

    private long count(String document) {
        Document d = counts.find(Filters.eq("_id", document)).first();
        return d == null ? 0 : ((Number) d.get("f")).longValue();
    }

    private boolean countMarkersRead() {
        return mongo.commands().stream().anyMatch(c -> c.containsKey("find")
                && "counts".equals(c.getString("find").getValue()));
    }

    @Test
    void aBatchDeliveredAgainChangesNothing_andBatchesDeliveredOnceReadNoMarker() {
        BatchIntents process = new BatchIntents();
        write(process, "s0", inOrder(List.of("a", "b"), 1));
        mongo.commands().clear();

        write(process, "s0", inOrder(List.of("a", "b", "c"), 2, 3));
        write(process, "s0", inOrder(List.of("a"), 4));
        assertThat(countMarkersRead()).isFalse();
        assertThat(mongo.commands()).noneMatch(c -> c.containsKey("find"));

        write(process, "s0", inOrder(List.of("a", "b", "c"), 2, 3));
        write(process, "s0", inOrder(List.of("a"), 4));
        assertThat(List.of(count("a"), count("b"), count("c"))).containsExactly(4L, 3L, 2L);
    }

    @Test
    void aBatchCutShortByACrashIsCountedOnceWhenTheNextProcessDeliversItAgainWithMore() {
        write(new BatchIntents(), "s0", inOrder(List.of("a", "b", "c"), 1));
        BatchIntents killed = new BatchIntents();
        Batch cutShort = inOrder(List.of("a", "b", "c"), 2, 3);
        assertThat(killed.begin(writers, "s0", cutShort.positions(), cutShort.token())).isTrue();
        // Killed mid-bulk: only "a" got the batch.
        GuardedCounts.applyFresh(counts, "s0", Map.of("a", cutShort.deltas().get("a")), cutShort.token());

        write(new BatchIntents(), "s0", inOrder(List.of("a", "b", "c"), 2, 3, 4));

        assertThat(List.of(count("a"), count("b"), count("c"))).containsExactly(4L, 4L, 4L);
    }

    @Test
    void aLateCommitIsCountedOnceWithoutReadingMarkers() {
        BatchIntents process = new BatchIntents();
        // 5 is delivered while 3 is still a gap; 3 lands late and comes after it.
        write(process, "s0", batch(List.of("a"), token(5, 3L), 5));
        mongo.commands().clear();
        write(process, "s0", batch(List.of("a"), token(5), 3));
        assertThat(countMarkersRead()).isFalse();

        write(process, "s0", batch(List.of("a"), token(5), 3));
        write(process, "s0", batch(List.of("a"), token(5, 3L), 5));
        assertThat(count("a")).isEqualTo(2);
    }

    @Test
    void aTokenMissingWhatTheWriterBeganReadsTheMarkers_andKeepsCoveringIt() {
        write(new BatchIntents(), "s0", inOrder(List.of("a"), 4, 5));
        // After a restart from an older stored token, the token still holds 4 as a gap when 7 comes.
        BatchIntents restarted = new BatchIntents();
        write(restarted, "s0", batch(List.of("a"), token(7, 4L), 7));
        write(restarted, "s0", batch(List.of("a"), token(7), 4));

        assertThat(count("a")).isEqualTo(3);
    }

    @Test
    void aProcessNoticesThatAnotherOneWroteForTheWriterMeanwhile() {
        BatchIntents first = new BatchIntents();
        write(first, "s0", inOrder(List.of("a", "b"), 1));
        // The segment moves to another process, which is killed after counting batch 2 in "a" only.
        BatchIntents second = new BatchIntents();
        Batch cutShort = inOrder(List.of("a", "b"), 2);
        second.begin(writers, "s0", cutShort.positions(), cutShort.token());
        GuardedCounts.applyFresh(counts, "s0", Map.of("a", cutShort.deltas().get("a")), cutShort.token());

        write(first, "s0", inOrder(List.of("a", "b"), 2, 3));

        assertThat(List.of(count("a"), count("b"))).containsExactly(3L, 3L);
    }

    @Test
    void countsWrittenBeforeWritersHadARecordAreReadTheFirstTime() {
        counts.insertOne(new Document("_id", "a").append("@s0", 5L).append("f", 5L));
        BatchIntents process = new BatchIntents();

        write(process, "s0", inOrder(List.of("a"), 5));
        write(process, "s0", inOrder(List.of("a"), 6));

        assertThat(count("a")).isEqualTo(6);
    }

    @Test
    void processesRecordingBatchesOfOneWriterAtOnceLoseNoneOfThem() throws Exception {
        int processes = 4;
        int batches = 25;
        long head = processes * batches;
        List<Callable<Void>> work = new ArrayList<>();
        for (int p = 0; p < processes; p++) {
            int process = p;
            work.add(() -> {
                BatchIntents intents = new BatchIntents();
                for (int b = 0; b < batches; b++) {
                    // A token covering one position of its own below the head, the rest gaps.
                    long own = (long) b * processes + process;
                    TreeSet<Long> gaps = new TreeSet<>(LongStream.range(0, head).boxed().toList());
                    gaps.remove(own);
                    intents.begin(writers, "s0", Set.of(own), new WriterProgress(head, gaps));
                }
                return null;
            });
        }
        runAtOnce(work);

        WriterProgress begun = WriterProgress.fromStored(writers.find(Filters.eq("_id", "s0")).first().get("begun"));
        assertThat(LongStream.rangeClosed(0, head).filter(position -> !begun.covers(position))).isEmpty();
    }

    @Test
    void writersUpsertingTheSameNewDocumentsAtOnceAreEachCountedOnce() throws Exception {
        int writers = 4;
        int batches = 40;
        List<Callable<Void>> work = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            String writer = "s" + w;
            work.add(() -> {
                BatchIntents process = new BatchIntents();
                for (long position = 1; position <= batches; position++) {
                    // A document each batch creates, so that the writers race to insert it; each batch twice, as a
                    // redelivery would.
                    Batch batch = inOrder(List.of("a", "b", "new-" + position), position);
                    write(process, writer, batch);
                    write(process, writer, batch);
                }
                return null;
            });
        }
        runAtOnce(work);

        assertThat(List.of(count("a"), count("b"))).containsOnly((long) writers * batches);
        for (long position = 1; position <= batches; position++) {
            assertThat(count("new-" + position)).isEqualTo(writers);
        }
    }

    private static void runAtOnce(List<Callable<Void>> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(work.size());
        try {
            for (Future<Void> done : pool.invokeAll(work)) {
                done.get();
            }
        } finally {
            pool.shutdown();
        }
    }
}
