package ma.crafts.register.query.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import ma.crafts.register.query.artisan.ArtisanSearchKeys;
import ma.crafts.register.query.artisan.ArtisanSearchKeys.Placement;
import ma.crafts.register.query.mongo.ArtisanSearchIndex.Move;
import ma.crafts.register.query.artisan.mongo.ArtisanSearchWrites;
import ma.crafts.register.query.artisan.mongo.ArtisanViewRepository;
import ma.crafts.register.query.support.InMemoryMongo;
import ma.crafts.register.values.ArtisanStatus;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ArtisanSearchIndexTest {

    private static final String ALL = ArtisanSearchKeys.key(null, null, null, null);
    private static final String MARRAKECH = ArtisanSearchKeys.key("MA-07", "MA-MAR", null, null);
    private static final String ACTIVE = ArtisanSearchKeys.key(null, null, null, ArtisanStatus.ACTIVE);
    private static final String SUSPENDED = ArtisanSearchKeys.key(null, null, null, ArtisanStatus.SUSPENDED);

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

    private static Placement at(String province, String region, String branch, ArtisanStatus status) {
        return new Placement(region, province, branch, status.name());
    }

    private static Placement pottery(ArtisanStatus status) {
        return at("MA-MAR", "MA-07", "B01", status);
    }

    private static Move registered(String id, long position, Placement placement) {
        return new Move(id, position, position, null, placement);
    }

    @Test
    void pagesFollowRegistrationOrderWhateverOrderSegmentsWriteIn() {
        // Positions far apart, so members spread over windows, level-2 and level-3 nodes.
        List<Move> moves = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            moves.add(registered("a" + i, i * 200_000L, pottery(ArtisanStatus.ACTIVE)));
        }
        // Four segments, each applying its own artisans in store order, three per batch, their batches interleaved.
        Map<Integer, List<Move>> bySegment = new HashMap<>();
        moves.forEach(m -> bySegment.computeIfAbsent((int) (m.position() / 200_000L) % 4, s -> new ArrayList<>()).add(m));
        Map<Integer, Integer> done = new HashMap<>();
        Random random = new Random(7);
        while (done.values().stream().mapToInt(Integer::intValue).sum() < moves.size()) {
            int segment = random.nextInt(4);
            List<Move> segmentMoves = bySegment.get(segment);
            int from = done.getOrDefault(segment, 0);
            if (from < segmentMoves.size()) {
                int to = Math.min(segmentMoves.size(), from + 3);
                index.apply("s" + segment, segmentMoves.subList(from, to));
                done.put(segment, to);
            }
        }

        assertThat(index.count(ALL)).isEqualTo(50);
        assertThat(index.count(MARRAKECH)).isEqualTo(50);
        List<String> all = new ArrayList<>();
        for (int page = 0; page < 6; page++) {
            ArtisanSearchIndex.BucketPage p = index.page(MARRAKECH, page, 9);
            assertThat(p.total()).isEqualTo(50);
            all.addAll(p.artisanIds());
        }
        assertThat(all).containsExactlyElementsOf(IntStream.range(0, 50).mapToObj(i -> "a" + i).toList());
        assertThat(index.page(MARRAKECH, 6, 9).artisanIds()).isEmpty();
    }

    @Test
    void everyFilterFindsTheArtisansOfItsTerritoryBranchAndStatus() {
        index.apply("s0", List.of(
                registered("mar-pottery", 1, pottery(ArtisanStatus.ACTIVE)),
                registered("safi-pottery", 2, at("MA-SAF", "MA-07", "B01", ArtisanStatus.ACTIVE)),
                registered("mar-weaving", 3, at("MA-MAR", "MA-07", "B04", ArtisanStatus.ACTIVE)),
                registered("rabat-pottery", 4, at("MA-RAB", "MA-04", "B01", ArtisanStatus.ACTIVE)),
                new Move("safi-pottery", 2, 5, at("MA-SAF", "MA-07", "B01", ArtisanStatus.ACTIVE),
                        at("MA-SAF", "MA-07", "B01", ArtisanStatus.SUSPENDED))));

        assertThat(page(ArtisanSearchKeys.key(null, null, "B01", null))).containsExactly("mar-pottery", "safi-pottery", "rabat-pottery");
        assertThat(page(ArtisanSearchKeys.key("MA-07", null, null, null))).containsExactly("mar-pottery", "safi-pottery", "mar-weaving");
        assertThat(page(ArtisanSearchKeys.key("MA-07", null, "B01", ArtisanStatus.ACTIVE))).containsExactly("mar-pottery");
        assertThat(page(ArtisanSearchKeys.key("MA-07", "MA-MAR", null, ArtisanStatus.ACTIVE))).containsExactly("mar-pottery", "mar-weaving");
        assertThat(page(ArtisanSearchKeys.key("MA-07", "MA-SAF", "B01", ArtisanStatus.SUSPENDED))).containsExactly("safi-pottery");
        assertThat(page(ArtisanSearchKeys.key("MA-04", null, null, ArtisanStatus.SUSPENDED))).isEmpty();
        assertThat(index.count(ACTIVE)).isEqualTo(3);
        assertThat(index.count(SUSPENDED)).isEqualTo(1);
    }

    @Test
    void aRedeliveredBatchChangesNothing() {
        List<Move> registration = List.of(registered("a1", 5, pottery(ArtisanStatus.ACTIVE)));
        index.apply("s0", registration);
        Map<String, List<Document>> once = snapshot();
        index.apply("s0", registration);
        assertThat(snapshot()).isEqualTo(once);
        assertThat(index.count(ACTIVE)).isEqualTo(1);

        List<Move> suspension = List.of(new Move("a1", 5, 9, pottery(ArtisanStatus.ACTIVE), pottery(ArtisanStatus.SUSPENDED)));
        index.apply("s0", suspension);
        index.apply("s0", suspension);
        assertThat(index.count(ACTIVE)).isZero();
        assertThat(index.page(ACTIVE, 0, 10).artisanIds()).isEmpty();
        assertThat(index.count(SUSPENDED)).isEqualTo(1);
        assertThat(index.count(ALL)).isEqualTo(1);
    }

    @Test
    void aBatchDeliveredAgainWithOtherBoundariesCountsEachEventOnce() {
        List<Move> history = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            history.add(registered("a" + i, i, pottery(ArtisanStatus.ACTIVE)));
        }
        for (int i = 0; i < 6; i += 2) {
            history.add(new Move("a" + i, i, 10 + i, pottery(ArtisanStatus.ACTIVE), pottery(ArtisanStatus.SUSPENDED)));
        }
        // The processor stored its token after the first 4 moves, applied 4 more, crashed, and now delivers again
        // from the token in batches of another size.
        index.apply("s0", history.subList(0, 4));
        index.apply("s0", history.subList(4, 8));
        index.apply("s0", history.subList(4, 6));
        index.apply("s0", history.subList(6, 9));

        assertThat(index.count(ALL)).isEqualTo(6);
        assertThat(index.count(ACTIVE)).isEqualTo(3);
        assertThat(index.count(SUSPENDED)).isEqualTo(3);
        assertThat(page(SUSPENDED)).containsExactly("a0", "a2", "a4");
        assertThat(page(ACTIVE)).containsExactly("a1", "a3", "a5");
    }

    @Test
    void aBatchRedeliveredAfterAPartialWriteConverges() {
        List<Move> first = List.of(registered("a1", 5, pottery(ArtisanStatus.ACTIVE)),
                registered("a2", 6, at("MA-SAF", "MA-07", "B01", ArtisanStatus.ACTIVE)));
        List<Move> second = List.of(
                new Move("a1", 5, 7, pottery(ArtisanStatus.ACTIVE), at("MA-FES", "MA-03", "B02", ArtisanStatus.ACTIVE)),
                registered("a3", 8, pottery(ArtisanStatus.ACTIVE)));
        InMemoryMongo clean = new InMemoryMongo();
        try {
            ArtisanSearchIndex reference = new ArtisanSearchIndex(clean.database());
            reference.apply("s0", first);
            reference.apply("s0", second);

            index.apply("s0", first);
            MongoCollection<Document> counts = mongo.database().getCollection(ArtisanSearchIndex.COUNTS);
            List<Document> before = counts.find().into(new ArrayList<>());
            index.apply("s0", second);
            // The process died during the batch: its members were written, and only some of its count updates
            // (unordered bulk), so every other count document still holds its value from before the batch.
            for (int i = 0; i < before.size(); i += 2) {
                counts.replaceOne(Filters.eq("_id", before.get(i).get("_id")), before.get(i), new ReplaceOptions());
            }

            index.apply("s0", second);

            assertThat(snapshot()).isEqualTo(snapshot(clean));
            assertThat(page(ArtisanSearchKeys.key("MA-07", null, null, null))).containsExactly("a2", "a3");
            assertThat(page(ArtisanSearchKeys.key("MA-03", "MA-FES", "B02", null))).containsExactly("a1");
        } finally {
            clean.close();
        }
    }

    @Test
    void membersWrittenWithoutTheirCountsAreCountedWhenTheBatchComesAgain() {
        List<Move> batch = List.of(registered("a1", 5, pottery(ArtisanStatus.ACTIVE)));
        // As if the process died between the window write and the count writes.
        new ArtisanSearchWrites(mongo.database().getCollection(ArtisanSearchIndex.WINDOWS),
                mongo.database().getCollection(ArtisanSearchIndex.COUNTS)).writeMembers(batch);
        assertThat(index.count(ALL)).isZero();

        index.apply("s0", batch);

        assertThat(index.count(ALL)).isEqualTo(1);
        assertThat(page(MARRAKECH)).containsExactly("a1");
    }

    @Test
    void aCommitLandingLateIsCountedThoughHigherPositionsWereCountedBefore() {
        // Position 3 was still a gap when 5 was read: 5 comes first with 3 among its token's gaps, then 3 alone.
        Move five = new Move("a5", 5, 5, new WriterProgress(5, new TreeSet<>(Set.of(3L))), null,
                pottery(ArtisanStatus.ACTIVE));
        Move lateThree = new Move("a3", 3, 3, WriterProgress.inOrder(5), null, pottery(ArtisanStatus.ACTIVE));
        index.apply("s0", List.of(five));
        index.apply("s0", List.of(lateThree));

        assertThat(index.count(MARRAKECH)).isEqualTo(2);
        assertThat(page(MARRAKECH)).containsExactly("a3", "a5");

        index.apply("s0", List.of(lateThree));
        index.apply("s0", List.of(five));
        assertThat(index.count(MARRAKECH)).isEqualTo(2);
    }

    @Test
    void afterARestartTheCommitThatWasAGapIsCountedAndTheOneCountedBeforeIsNot() {
        index.apply("s0", List.of(new Move("a5", 5, 5, new WriterProgress(5, new TreeSet<>(Set.of(3L))), null,
                pottery(ArtisanStatus.ACTIVE))));
        // Killed before the token was stored: the restarted processor reads both, now in position order.
        index.apply("s0", List.of(registered("a3", 3, pottery(ArtisanStatus.ACTIVE)),
                registered("a5", 5, pottery(ArtisanStatus.ACTIVE))));

        assertThat(index.count(MARRAKECH)).isEqualTo(2);
        assertThat(index.count(ALL)).isEqualTo(2);
    }

    @Test
    void leavingTheIndexRemovesTheMemberAndItsCounts() {
        index.apply("s0", List.of(registered("a1", 5, pottery(ArtisanStatus.ACTIVE)),
                registered("a2", 6, pottery(ArtisanStatus.ACTIVE)),
                new Move("a1", 5, 7, pottery(ArtisanStatus.ACTIVE), null)));
        assertThat(index.count(ALL)).isEqualTo(1);
        assertThat(page(MARRAKECH)).containsExactly("a2");
    }

    @Test
    void idsAndCodesWithDotsAndDollarsAreStoredSafely() {
        Placement dotted = new Placement("MA-07", "MA-MAR", "B.1$x", ArtisanStatus.ACTIVE.name());
        String key = ArtisanSearchKeys.key("MA-07", null, "B.1$x", null);
        index.apply("s0", List.of(registered("id.with.dots$and%", 1, dotted)));
        assertThat(index.page(key, 0, 5).artisanIds()).containsExactly("id.with.dots$and%");
        index.apply("s0", List.of(new Move("id.with.dots$and%", 1, 2, dotted, null)));
        assertThat(index.count(key)).isZero();
    }

    @Test
    void aDeepPageIsOnlyIdLookups() {
        ArtisanViewRepository views = new ArtisanViewRepository(mongo.database());
        List<Move> moves = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            moves.add(registered("a" + i, i * 17L, pottery(ArtisanStatus.ACTIVE)));
        }
        index.apply("s0", moves);
        mongo.commands().clear();

        ArtisanSearchIndex.BucketPage page = index.page(MARRAKECH, 14, 20);
        views.findAll(page.artisanIds());

        assertThat(page.artisanIds()).hasSize(20).first().isEqualTo("a280");
        List<BsonDocument> finds = mongo.commands().stream().filter(c -> c.containsKey("find")).toList();
        // the level-3 counts with the highest window, level-2 counts, level-1 counts, the windows, the views
        assertThat(finds).hasSize(5);
        for (BsonDocument find : finds) {
            BsonDocument filter = find.getDocument("filter");
            // mongo-java-server serves a query from an index only when it names _id alone (equality or $in)
            assertThat(filter.keySet()).containsExactly("_id");
        }
        assertThat(mongo.commands()).noneMatch(c -> c.containsKey("aggregate") || c.containsKey("count"));
    }

    @Test
    void aBatchCostsTheSameNumberOfWritesWhateverTheIndexHolds() {
        for (int round = 0; round < 3; round++) {
            List<Move> moves = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                long position = round * 100_000L + i;
                moves.add(registered("r" + round + "-" + i, position, pottery(ArtisanStatus.ACTIVE)));
            }
            mongo.commands().clear();
            index.apply("s0", moves);
            // one bulk of window writes, one marker read, one bulk of count writes, the highest window
            assertThat(mongo.commands()).hasSize(4);
            assertThat(mongo.commands().stream().filter(c -> c.containsKey("update"))
                    .mapToInt(c -> c.getArray("updates").size()).sum())
                    .as("documents written in round %d", round).isEqualTo(1 + 3 * 3 + 1);
        }
        assertThat(index.count(ALL)).isEqualTo(600);
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
                    // One segment: its artisans, its events in position order, in batches of five.
                    List<Move> mine = new ArrayList<>();
                    for (int i = 0; i < perWriter; i++) {
                        long position = (long) i * writers + writer;
                        String id = "w" + writer + "-" + i;
                        Placement placement = at("MA-MAR", "MA-07", "E" + (position % 2), ArtisanStatus.ACTIVE);
                        mine.add(registered(id, position, placement));
                        if (i % 3 == 0) {
                            mine.add(new Move(id, position, 10_000 + position, placement,
                                    at("MA-MAR", "MA-07", "E" + (position % 2), ArtisanStatus.STRUCK_OFF)));
                        }
                    }
                    mine.sort((x, y) -> Long.compare(x.position(), y.position()));
                    for (int from = 0; from < mine.size(); from += 5) {
                        index.apply("s" + writer, mine.subList(from, Math.min(mine.size(), from + 5)));
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
        long expectedActive = (long) writers * (perWriter - removedPerWriter);
        assertThat(index.count(ALL)).isEqualTo((long) writers * perWriter);
        assertThat(index.count(ACTIVE)).isEqualTo(expectedActive);
        assertThat(index.count(ArtisanSearchKeys.key(null, null, null, ArtisanStatus.STRUCK_OFF)))
                .isEqualTo((long) writers * removedPerWriter);
        assertThat(index.count(ArtisanSearchKeys.key("MA-07", null, "E0", ArtisanStatus.ACTIVE))
                + index.count(ArtisanSearchKeys.key("MA-07", "MA-MAR", "E1", ArtisanStatus.ACTIVE))).isEqualTo(expectedActive);

        List<String> paged = new ArrayList<>();
        for (int page = 0; page * 100 < expectedActive; page++) {
            paged.addAll(index.page(ACTIVE, page, 100).artisanIds());
        }
        List<String> inRegistrationOrder = new ArrayList<>();
        for (int i = 0; i < perWriter; i++) {
            for (int w = 0; w < writers; w++) {
                if (i % 3 != 0) {
                    inRegistrationOrder.add("w" + w + "-" + i);
                }
            }
        }
        assertThat(new HashSet<>(paged)).hasSize((int) expectedActive);
        assertThat(paged).containsExactlyElementsOf(inRegistrationOrder);
    }

    private List<String> page(String key) {
        return index.page(key, 0, 100).artisanIds();
    }

    private Map<String, List<Document>> snapshot() {
        return snapshot(mongo);
    }

    /** Every document of both index collections, by id. */
    private static Map<String, List<Document>> snapshot(InMemoryMongo mongo) {
        Map<String, List<Document>> all = new java.util.TreeMap<>();
        for (String name : Set.of(ArtisanSearchIndex.WINDOWS, ArtisanSearchIndex.COUNTS)) {
            List<Document> documents = mongo.database().getCollection(name).find().into(new ArrayList<>());
            documents.sort((x, y) -> String.valueOf(x.get("_id")).compareTo(String.valueOf(y.get("_id"))));
            all.put(name, documents);
        }
        return all;
    }
}
