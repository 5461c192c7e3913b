package ma.crafts.register.query.artisan.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import ma.crafts.register.query.support.InMemoryMongo;
import org.bson.BsonDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ArtisanSearchIndexTest {

    private InMemoryMongo mongo;
    private ArtisanSearchIndex index;

    @BeforeEach
    void setUp() {
        mongo = new InMemoryMongo();
        index = new ArtisanSearchIndex(mongo.database());
    }

    @AfterEach
    void tearDown() {
        mongo.close();
    }

    @Test
    void pagesFollowRegistrationOrderAcrossChunks() {
        // positions spread over several chunk windows, inserted out of order
        List<Integer> order = new ArrayList<>(IntStream.range(0, 50).boxed().toList());
        java.util.Collections.shuffle(order, new java.util.Random(7));
        for (int i : order) {
            index.move("a" + i, i * 97L, 0, Set.of(), Set.of("K"));
        }
        assertThat(index.count("K")).isEqualTo(50);

        List<String> all = new ArrayList<>();
        for (int page = 0; page < 6; page++) {
            ArtisanSearchIndex.BucketPage p = index.page("K", page, 9);
            assertThat(p.total()).isEqualTo(50);
            all.addAll(p.artisanIds());
        }
        assertThat(all).containsExactlyElementsOf(IntStream.range(0, 50).mapToObj(i -> "a" + i).toList());
        assertThat(index.page("K", 6, 9).artisanIds()).isEmpty();
    }

    @Test
    void movingBetweenBucketsIsIdempotent() {
        index.move("a1", 5, 0, Set.of(), Set.of("A", "B"));
        index.move("a1", 5, 0, Set.of(), Set.of("A", "B"));
        assertThat(index.count("A")).isEqualTo(1);
        assertThat(index.page("A", 0, 10).artisanIds()).containsExactly("a1");

        index.move("a1", 5, 1, Set.of("A", "B"), Set.of("A", "C"));
        index.move("a1", 5, 1, Set.of("A", "B"), Set.of("A", "C"));
        assertThat(index.count("A")).isEqualTo(1);
        assertThat(index.count("B")).isZero();
        assertThat(index.page("B", 0, 10).artisanIds()).isEmpty();
        assertThat(index.count("C")).isEqualTo(1);
    }

    @Test
    void aMoveRedeliveredAfterALostDirectoryWriteRepublishesTheCounts() {
        index.move("a1", 5, 0, Set.of(), Set.of("A", "B"));
        index.move("a2", 6, 0, Set.of(), Set.of("A"));
        index.move("a1", 5, 1, Set.of("A", "B"), Set.of("C"));
        // As if the process died after the window write of a1's last move and before its directory write.
        mongo.database().getCollection(ArtisanSearchIndex.BUCKETS).drop();
        assertThat(index.count("A")).isZero();

        index.move("a1", 5, 1, Set.of("A", "B"), Set.of("C"));

        assertThat(index.count("A")).isEqualTo(1);
        assertThat(index.page("A", 0, 10).artisanIds()).containsExactly("a2");
        assertThat(index.count("B")).isZero();
        assertThat(index.count("C")).isEqualTo(1);
        assertThat(index.page("C", 0, 10).artisanIds()).containsExactly("a1");
    }

    @Test
    void keysAndIdsWithDotsAreStoredSafely() {
        index.move("id.with.dots", 1, 0, Set.of(), Set.of("MA-07|*|B.1|*"));
        assertThat(index.page("MA-07|*|B.1|*", 0, 5).artisanIds()).containsExactly("id.with.dots");
        index.move("id.with.dots", 1, 1, Set.of("MA-07|*|B.1|*"), Set.of());
        assertThat(index.count("MA-07|*|B.1|*")).isZero();
    }

    @Test
    void aDeepPageIsOnlyIdLookups() {
        ArtisanViewRepository views = new ArtisanViewRepository(mongo.database());
        for (int i = 0; i < 300; i++) {
            index.move("a" + i, i * 17L, 0, Set.of(), Set.of("K"));
        }
        mongo.commands().clear();

        ArtisanSearchIndex.BucketPage page = index.page("K", 14, 20);
        views.findAll(page.artisanIds());

        assertThat(page.artisanIds()).hasSize(20).first().isEqualTo("a280");
        List<BsonDocument> finds = mongo.commands().stream().filter(c -> c.containsKey("find")).toList();
        assertThat(finds).hasSize(3);
        for (BsonDocument find : finds) {
            BsonDocument filter = find.getDocument("filter");
            // mongo-java-server serves a query from an index only when it names _id alone (equality or $in)
            assertThat(filter.keySet()).containsExactly("_id");
        }
        assertThat(mongo.commands()).noneMatch(c -> c.containsKey("aggregate") || c.containsKey("count"));
    }

    @Test
    void concurrentWritersKeepExactCounts() throws Exception {
        int writers = 8;
        int perWriter = 60;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                tasks.add(() -> {
                    for (int i = 0; i < perWriter; i++) {
                        long position = (long) i * writers + writer;
                        String id = "w" + writer + "-" + i;
                        index.move(id, position, 0, Set.of(), Set.of("ALL", "EVEN-" + (position % 2)));
                        if (i % 3 == 0) {
                            index.move(id, position, 1, Set.of("ALL", "EVEN-" + (position % 2)), Set.of("GONE"));
                        }
                    }
                    return null;
                });
            }
            for (Future<Void> f : pool.invokeAll(tasks)) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        int removedPerWriter = (perWriter + 2) / 3;
        long expectedAll = (long) writers * (perWriter - removedPerWriter);
        assertThat(index.count("ALL")).isEqualTo(expectedAll);
        assertThat(index.count("GONE")).isEqualTo((long) writers * removedPerWriter);
        assertThat(index.count("EVEN-0") + index.count("EVEN-1")).isEqualTo(expectedAll);

        Set<String> paged = new HashSet<>();
        for (int page = 0; page * 100 < expectedAll; page++) {
            paged.addAll(index.page("ALL", page, 100).artisanIds());
        }
        assertThat(paged).hasSize((int) expectedAll);
    }
}
