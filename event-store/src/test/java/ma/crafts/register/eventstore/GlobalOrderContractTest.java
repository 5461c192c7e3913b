package ma.crafts.register.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Guarantee 1: store-assigned, strictly increasing positions; every committed event delivered exactly once per pass. */
class GlobalOrderContractTest {
    private final StoreFixture fixture = new StoreFixture();

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void concurrentWritersInTwoProcessesWhileAProcessorTails_nothingSkippedNothingDuplicated() throws Exception {
        MongoEventStorageEngine processA = fixture.engine(Duration.ofSeconds(30));
        MongoEventStorageEngine processB = fixture.engine(Duration.ofSeconds(30));
        int threadsPerProcess = 4;
        int commitsPerThread = 150;
        try (Tail tail = new Tail(fixture.engine(Duration.ofSeconds(30)), fixture.tokenStore(), "projection")) {
            ExecutorService writers = Executors.newFixedThreadPool(threadsPerProcess * 2);
            List<Future<Integer>> written = new ArrayList<>();
            for (int t = 0; t < threadsPerProcess * 2; t++) {
                MongoEventStorageEngine engine = t % 2 == 0 ? processA : processB;
                int commitSize = 1 + t % 3;
                written.add(writers.submit(() -> {
                    int events = 0;
                    for (int c = 0; c < commitsPerThread; c++) {
                        engine.appendEvents(TestEvents.commit(UUID.randomUUID().toString(), 0, commitSize));
                        events += commitSize;
                    }
                    return events;
                }));
            }
            int total = 0;
            for (Future<Integer> future : written) {
                total += future.get(2, TimeUnit.MINUTES);
            }
            writers.shutdown();

            tail.awaitDelivered(total, Duration.ofSeconds(60));
            assertThat(tail.deliveries).hasSize(total);
            assertThat(tail.duplicates()).isZero();
            Set<Long> positions = new HashSet<>(tail.positionsInDeliveryOrder);
            assertThat(positions).as("every event has its own global position").hasSize(total);
        }
    }

    /**
     * Two processes each reserve positions in blocks of their own, so one may still hold unused positions below those
     * the other has written. A stream's next commit must not take one of them: tracking follows positions, and a
     * projection that skips what is at or below the version it holds would leave the earlier event out.
     */
    @Test
    void aStreamContinuedByAnotherProcess_takesPositionsAboveItsPreviousCommit() {
        MongoEventStorageEngine processA = fixture.builder(Duration.ofSeconds(60))
                .positionBlockLinger(Duration.ofSeconds(30)).build();
        MongoEventStorageEngine processB = fixture.engine(Duration.ofSeconds(30));
        // Appends in quick succession grow A's block (1, 2, then 4 positions), leaving positions of it unused.
        for (int i = 0; i < 4; i++) {
            processA.appendEvents(TestEvents.commit("a-only-" + i, 0, 1));
        }
        long lastOfA = AppendReceipts.lastOnThisThread().orElseThrow().lastPosition();
        processB.appendEvents(TestEvents.commit("shared", 0, 1));
        long firstOfStream = AppendReceipts.lastOnThisThread().orElseThrow().lastPosition();
        assertThat(firstOfStream).as("A still holds positions below the stream's first event").isGreaterThan(lastOfA + 1);

        processA.appendEvents(TestEvents.commit("shared", 1, 1));
        long secondOfStream = AppendReceipts.lastOnThisThread().orElseThrow().lastPosition();
        assertThat(secondOfStream).isGreaterThan(firstOfStream);
        processB.appendEvents(TestEvents.commit("shared", 2, 1));
        assertThat(AppendReceipts.lastOnThisThread().orElseThrow().lastPosition()).isGreaterThan(secondOfStream);
    }

    @Test
    void oneWriter_positionsStrictlyIncreaseInDeliveryOrder() {
        MongoEventStorageEngine engine = fixture.engine(Duration.ofSeconds(30));
        for (int i = 0; i < 300; i++) {
            engine.appendEvents(TestEvents.commit("agg-" + (i % 7), i / 7, 1));
        }
        engine.appendEvents(TestEvents.notification("an event outside any aggregate"));
        // Positions need not be dense: a block remainder idle past its linger (a slow machine) is voided, so the last
        // event's position is the one the store handed out, not 300.
        long lastAppended = AppendReceipts.lastOnThisThread().orElseThrow().lastPosition();
        try (Tail tail = new Tail(engine, fixture.tokenStore(), "ordered")) {
            tail.awaitDelivered(301, Duration.ofSeconds(30));
            List<Long> order = List.copyOf(tail.positionsInDeliveryOrder);
            for (int i = 1; i < order.size(); i++) {
                assertThat(order.get(i)).isGreaterThan(order.get(i - 1));
            }
            assertThat(order.get(0)).isZero();
            assertThat(order).hasSize(301);
            assertThat(order.get(order.size() - 1)).isEqualTo(lastAppended);
        }
    }

    @Test
    void replayAfterResettingTokens_givesTheIdenticalProjection() {
        MongoEventStorageEngine engine = fixture.engine(Duration.ofSeconds(30));
        for (int i = 0; i < 500; i++) {
            engine.appendEvents(TestEvents.commit("replayed-" + (i % 50), i / 50, 1));
        }
        try (Tail tail = new Tail(engine, fixture.tokenStore(), "replayed")) {
            tail.awaitDelivered(500, Duration.ofSeconds(30));
            List<Long> firstPass = List.copyOf(tail.positionsInDeliveryOrder);
            Set<String> firstIds = Set.copyOf(tail.deliveries.keySet());

            tail.replayFromStart();
            tail.awaitDelivered(firstIds.size(), Duration.ofSeconds(30));

            assertThat(tail.deliveries.keySet()).isEqualTo(firstIds);
            assertThat(tail.positionsInDeliveryOrder).isEqualTo(firstPass);
            assertThat(tail.duplicates()).isZero();
        }
    }
}
