package ma.crafts.register.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Guarantees 1 and 2 at the edges: a commit that becomes visible after higher positions were read is still delivered,
 * and a writer that stalls or dies after reserving positions holds processors back no longer than the gap timeout,
 * without its event ever being lost.
 */
class GapContractTest {
    private final StoreFixture fixture = new StoreFixture();

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void lateCommit_isDeliveredAfterHigherPositionsWereRead() throws Exception {
        MongoEventStorageEngine fastWriter = fixture.engine(Duration.ofMinutes(5));
        try (Tail tail = new Tail(fixture.engine(Duration.ofMinutes(5)), fixture.tokenStore(), "late")) {
            StalledAppend late = new StalledAppend("late");
            fastWriter.appendEvents(TestEvents.domain("early", 0));
            fastWriter.appendEvents(TestEvents.domain("early", 1));

            tail.awaitDelivered(2, Duration.ofSeconds(10));
            // The processor stores its token just after handling the batch.
            await().atMost(Duration.ofSeconds(10)).until(() -> tail.token() != null && tail.token().getGaps().contains(0L));
            assertThat(tail.token().getGaps()).containsExactly(0L);

            late.release();
            tail.awaitDelivered(3, Duration.ofSeconds(10));
            assertThat(tail.positionsInDeliveryOrder).containsExactly(1L, 2L, 0L);
            assertThat(tail.duplicates()).isZero();
            await().atMost(Duration.ofSeconds(5)).until(() -> tail.token() != null && tail.token().getGaps().isEmpty());
        }
    }

    @Test
    void deadWriter_gapIsClosedAfterTheTimeout_andTheWriterThatWakesUpRetriesAtNewPositions() throws Exception {
        MongoEventStorageEngine stalledWriter = fixture.engine(Duration.ofMillis(300));
        MongoEventStorageEngine liveWriter = fixture.engine(Duration.ofMillis(300));
        CountDownLatch reserved = new CountDownLatch(1);
        CountDownLatch wakeUp = new CountDownLatch(1);
        stalledWriter.groupCommit().stallBetweenReservationAndWrite(() -> {
            if (reserved.getCount() > 0) {
                reserved.countDown();
                waitFor(wakeUp);
            }
        });
        try (Tail tail = new Tail(fixture.engine(Duration.ofMillis(300)), fixture.tokenStore(), "dead")) {
            CompletableFuture<Void> stalled = CompletableFuture.runAsync(() -> stalledWriter.appendEvents(TestEvents.commit("stalled", 0, 2)));
            assertThat(reserved.await(10, TimeUnit.SECONDS)).isTrue();
            liveWriter.appendEvents(TestEvents.domain("live", 0));
            tail.awaitDelivered(1, Duration.ofSeconds(10));

            // Positions 0 and 1 were reserved and never written: after the timeout a reader closes them with void documents.
            var commits = fixture.newProcessDatabase().getCollection("commits");
            await().atMost(Duration.ofSeconds(10)).until(() -> commits.countDocuments(Filters.exists("void")) == 2);
            liveWriter.appendEvents(TestEvents.domain("live", 1));
            tail.awaitDelivered(2, Duration.ofSeconds(10));
            await().atMost(Duration.ofSeconds(5)).until(() -> tail.token() != null && tail.token().getGaps().isEmpty());

            // The writer was only stalled: its insert now collides with the void documents and it retries at new positions.
            wakeUp.countDown();
            stalled.get(10, TimeUnit.SECONDS);
            tail.awaitDelivered(4, Duration.ofSeconds(10));
            assertThat(tail.duplicates()).isZero();
            Document stalledCommit = commits.find(Filters.eq("streamKeys", "stalled#0")).first();
            assertThat(stalledCommit.getLong("_id")).isGreaterThan(2L);
        }
    }

    @Test
    void conflictingCommit_closesItsPositionsAtOnce_soProcessorsDoNotWaitForTheTimeout() {
        MongoEventStorageEngine engine = fixture.engine(Duration.ofMinutes(5));
        engine.appendEvents(TestEvents.domain("contested", 0));
        try {
            engine.appendEvents(TestEvents.domain("contested", 0));
        } catch (RuntimeException expected) {
            // the losing append; its reserved position must not become a lasting gap
        }
        engine.appendEvents(TestEvents.domain("after", 0));
        try (Tail tail = new Tail(engine, fixture.tokenStore(), "conflicts")) {
            tail.awaitDelivered(2, Duration.ofSeconds(10));
            await().atMost(Duration.ofSeconds(5)).until(() -> tail.token() != null && tail.token().getGaps().isEmpty());
            assertThat(tail.positionsInDeliveryOrder).containsExactly(0L, 2L);
        }
    }

    @Test
    void unusedPositionBlockRemainder_isClosedByItsOwnerSoon_notAfterReadersGapTimeout() {
        // A linger long enough that the second commit surely counts as quick even on a slow machine, and still far below
        // the readers' gap timeout.
        MongoEventStorageEngine busyWriter = fixture.builder(Duration.ofMinutes(5))
                .positionBlockLinger(Duration.ofSeconds(2)).build();
        MongoEventStorageEngine otherProcess = fixture.engine(Duration.ofMinutes(5));
        // Two quick commits: the second runs out of its one-position block at once, so the engine takes two and uses one.
        busyWriter.appendEvents(TestEvents.domain("busy", 0));
        busyWriter.appendEvents(TestEvents.domain("busy", 1));
        otherProcess.appendEvents(TestEvents.domain("other", 0));
        try (Tail tail = new Tail(fixture.engine(Duration.ofMinutes(5)), fixture.tokenStore(), "blocks")) {
            tail.awaitDelivered(3, Duration.ofSeconds(10));
            assertThat(tail.positionsInDeliveryOrder).containsExactly(0L, 1L, 3L);

            var commits = fixture.newProcessDatabase().getCollection("commits");
            await().atMost(Duration.ofSeconds(10)).until(() -> commits.countDocuments(Filters.eq("void", "unused")) == 1);
            assertThat(commits.find(Filters.eq("void", "unused")).first().getLong("_id")).isEqualTo(2L);
            // The token drops the gap with the next event it reads, long before the readers' five-minute gap timeout.
            otherProcess.appendEvents(TestEvents.domain("other", 1));
            tail.awaitDelivered(4, Duration.ofSeconds(10));
            await().atMost(Duration.ofSeconds(10)).until(() -> tail.token() != null && tail.token().getGaps().isEmpty()
                    && tail.token().getIndex() == 4L);
        }
    }

    /** The fixture reads 200 positions per fetch; a block remainder may be up to 1,024 positions long. */
    @Test
    void aVoidLongerThanTheFetchWindow_doesNotStopTheProcessor() {
        MongoEventStorageEngine engine = fixture.engine(Duration.ofMinutes(5));
        engine.appendEvents(TestEvents.domain("before", 0));
        var database = fixture.newProcessDatabase();
        // What a busy engine leaves when it gives up a large remainder: 500 reserved positions closed by one void.
        database.getCollection("counters").updateOne(Filters.eq("_id", "commits"), Updates.inc("next", 500L));
        database.getCollection("commits").insertOne(new Document("_id", 1L).append("last", 500L).append("void", "unused"));
        engine.appendEvents(TestEvents.domain("after", 0));

        var afterTheVoid = engine.readEvents(GapAwareTrackingToken.newInstance(0, List.of()), false).toList();
        assertThat(afterTheVoid).extracting(GapContractTest::position)
                .containsExactly(501L);
    }

    /**
     * One read runs window after window (the next read ahead while one is handled) up to the head. A position still
     * empty when its window was read stays a gap in every later window's token, so its commit is delivered once it lands.
     */
    @Test
    void aReadSpansWindowsUpToTheHead_andAPositionStillEmptyThenIsDeliveredLater() throws Exception {
        StalledAppend late = new StalledAppend("late");
        MongoEventStorageEngine reader = readerOfTenPositionWindowsAfter(35);

        var firstRead = reader.readEvents(null, false).toList();
        assertThat(firstRead).extracting(GapContractTest::position)
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 35).boxed().toList());
        GapAwareTrackingToken afterFirst = (GapAwareTrackingToken) firstRead.get(34).trackingToken();
        assertThat(afterFirst.getIndex()).isEqualTo(35L);
        assertThat(afterFirst.getGaps()).containsExactly(0L);

        late.release();
        var secondRead = reader.readEvents(afterFirst, false).toList();
        assertThat(secondRead).extracting(GapContractTest::position).containsExactly(0L);
        assertThat(((GapAwareTrackingToken) secondRead.get(0).trackingToken()).getGaps()).isEmpty();
    }

    /** A commit that lands after its window was read, but before the next window is read ahead, comes in that window. */
    @Test
    void aCommitLandingBeforeTheNextWindowIsReadAhead_isDeliveredInTheSameRead() throws Exception {
        StalledAppend late = new StalledAppend("late");
        MongoEventStorageEngine reader = readerOfTenPositionWindowsAfter(15);
        CountDownLatch readAheadDue = new CountDownLatch(1);
        CountDownLatch readAheadMayGo = new CountDownLatch(1);
        reader.tracking().stallBeforeReadAhead(() -> {
            readAheadDue.countDown();
            waitFor(readAheadMayGo);
        });

        List<Long> positions = new ArrayList<>();
        try (var events = reader.readEvents(null, false)) {
            var iterator = events.iterator();
            for (int i = 0; i < 9; i++) {
                positions.add(position(iterator.next()));
            }
            // The first window (positions 0-9) is handed out without position 0; the second waits to be read ahead.
            assertThat(readAheadDue.await(10, TimeUnit.SECONDS)).isTrue();
            late.release();
            readAheadMayGo.countDown();
            iterator.forEachRemaining(event -> positions.add(position(event)));
        }
        assertThat(positions).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 0L, 10L, 11L, 12L, 13L, 14L, 15L);
    }

    @Test
    void headToken_keepsReservedButUnwrittenPositionsAsGaps() throws Exception {
        StalledAppend late = new StalledAppend("late");
        fixture.engine(Duration.ofMinutes(5)).appendEvents(TestEvents.domain("early", 0));

        GapAwareTrackingToken head = (GapAwareTrackingToken) fixture.engine(Duration.ofMinutes(5)).createHeadToken();
        assertThat(head.getIndex()).isEqualTo(1L);
        assertThat(head.getGaps()).containsExactly(0L);
        late.release();
    }

    /** A reader of ten positions per window, after {@code commits} one-event commits by another writer. */
    private MongoEventStorageEngine readerOfTenPositionWindowsAfter(int commits) {
        // One position per reservation: a block remainder left idle past its linger (a loaded machine) would be voided
        // and shift the later commits' positions, which these tests name exactly.
        MongoEventStorageEngine writer = fixture.builder(Duration.ofMinutes(5)).maxPositionBlock(1).build();
        for (int seq = 0; seq < commits; seq++) {
            writer.appendEvents(TestEvents.domain("busy", seq));
        }
        return fixture.builder(Duration.ofMinutes(5)).trackingBatchSize(10).build();
    }

    private static long position(org.axonframework.eventhandling.EventMessage<?> event) {
        return ((Number) event.getMetaData().get("globalPosition")).longValue();
    }

    /** An append by a writer of its own that stalls between reserving its position and writing it, until released. */
    private final class StalledAppend {
        private final CountDownLatch reserved = new CountDownLatch(1);
        private final CountDownLatch release = new CountDownLatch(1);
        private final CompletableFuture<Void> append;

        StalledAppend(String aggregateId) throws InterruptedException {
            MongoEventStorageEngine writer = fixture.engine(Duration.ofMinutes(5));
            writer.groupCommit().stallBetweenReservationAndWrite(() -> {
                reserved.countDown();
                waitFor(release);
            });
            append = CompletableFuture.runAsync(() -> writer.appendEvents(TestEvents.domain(aggregateId, 0)));
            assertThat(reserved.await(10, TimeUnit.SECONDS)).isTrue();
        }

        void release() throws Exception {
            release.countDown();
            append.get(10, TimeUnit.SECONDS);
        }
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
