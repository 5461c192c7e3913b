package ma.crafts.register.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import ma.crafts.register.eventstore.MongoEventStorageEngine;
import ma.crafts.register.eventstore.StoreVerification;
import ma.crafts.register.platform.lease.Lease;
import ma.crafts.register.query.audit.mongo.VerificationRecords;
import ma.crafts.register.query.support.InMemoryMongo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A verification of the whole store that a restart interrupts is carried on by the next process from the position it
 * had recorded, not from the start: the first process records where it stands after its first window and is stopped
 * there; the second, on the same database, finishes the run under the same id, says where it carried on from, and
 * reaches the verdict an uninterrupted run reaches, with the break found before the restart.
 */
class StoreVerificationRestartTest {
    private static final int STREAMS = 30;
    private static final int EVENTS_PER_STREAM = 90;
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Duration TERM = Duration.ofMillis(600);

    private final AuditedStore store = new AuditedStore(STREAMS, EVENTS_PER_STREAM);
    private final List<AutoCloseable> processes = new ArrayList<>();
    private final MongoEventStorageEngine engine = store.engine;
    private final SealedCheckpoints checkpoints = store.checkpoints;
    private final InMemoryMongo mongo = store.mongo;

    @AfterEach
    void stopEverything() throws Exception {
        for (AutoCloseable process : processes) {
            process.close();
        }
        store.close();
    }

    @Test
    void aRunInterruptedByARestart_isCarriedOnFromItsRecordedPosition() throws Exception {
        mongo.database().getCollection("commits").updateOne(Filters.eq("_id", 3L),
                Updates.set("events.1.payload.number", 99));
        CountDownLatch recorded = new CountDownLatch(1);
        VerificationRecords recordsThenHang = new VerificationRecords(mongo.database()) {
            @Override
            public void reached(VerificationRun.Progress shown, StoreVerification.Resumption state) {
                super.reached(shown, state);
                recorded.countDown();
                hangUntilTheProcessStops();
            }
        };
        StoreVerifications first = new StoreVerifications(engine, checkpoints, recordsThenHang, node("first"),
                Duration.ZERO, Clock.systemUTC());
        String id = first.start(null).id();
        assertThat(recorded.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("a position recorded").isTrue();
        first.close();
        assertThat(new VerificationRecords(mongo.database()).unfinished())
                .extracting(unfinished -> unfinished.shown().id()).containsExactly(id);

        StoreVerifications second = node("second", Duration.ZERO);
        VerificationRun.Progress carriedOn = awaitFinished(second, id);

        StoreVerification.Result uninterrupted = engine.verifyStore(Long.MAX_VALUE, (position, last, events) -> {
        });
        assertThat(carriedOn.resumedAfter()).as("where the first process had got to").isNotNull()
                .isGreaterThanOrEqualTo(0L).isLessThan(uninterrupted.lastPosition());
        assertThat(carriedOn.status()).isEqualTo(VerificationRun.Status.BROKEN);
        assertThat(carriedOn.events()).isEqualTo(uninterrupted.events()).isEqualTo((long) STREAMS * EVENTS_PER_STREAM);
        assertThat(carriedOn.breakCount()).isEqualTo(uninterrupted.breakCount()).isEqualTo(1);
        assertThat(carriedOn.firstBrokenLink().position()).as("the break found before the restart").isEqualTo(3L);
        assertThat(new VerificationRecords(mongo.database()).unfinished()).isEmpty();
        assertThat(mongo.database().getCollection(VerificationRecords.HEADS).countDocuments())
                .as("the recorded heads are dropped once the run is done").isZero();

        StoreVerifications third = node("third", Duration.ZERO);
        assertThat(third.progress(id)).as("the outcome, read back by a later process").isEqualTo(carriedOn);
    }

    @Test
    void aRunIsCarriedOnByOneNodeOnly_andTakenOverWhenItsNodeStops() throws Exception {
        CountDownLatch recorded = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        VerificationRecords recordsThenWait = new VerificationRecords(mongo.database()) {
            @Override
            public void reached(VerificationRun.Progress shown, StoreVerification.Resumption state) {
                super.reached(shown, state);
                recorded.countDown();
                awaitQuietly(release);
            }
        };
        StoreVerifications busy = new StoreVerifications(engine, checkpoints, recordsThenWait, node("busy"),
                Duration.ZERO, Clock.systemUTC());
        processes.add(busy);
        String id = busy.start(null).id();
        assertThat(recorded.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("a position recorded").isTrue();

        StoreVerifications idle = node("idle", Duration.ZERO);
        Thread.sleep(TERM.multipliedBy(3).toMillis());
        assertThat(idle.progress(id).status()).as("the busy node still holds its run: the idle one leaves it")
                .isEqualTo(VerificationRun.Status.RUNNING);
        assertThat(idle.progress(id).resumedAfter()).as("nobody carried it on").isNull();

        busy.close();
        release.countDown();
        VerificationRun.Progress carriedOn = awaitFinished(idle, id);
        assertThat(carriedOn.resumedAfter()).as("taken over by the running idle node, without a restart").isNotNull();
        assertThat(carriedOn.status()).isEqualTo(VerificationRun.Status.VALID);
        assertThat(carriedOn.events()).isEqualTo((long) STREAMS * EVENTS_PER_STREAM);
    }

    private Lease node(String name) {
        return new Lease(name, TERM);
    }

    /** A node on the shared database that carries runs on under a short lease, stopped after the test. */
    private StoreVerifications node(String name, Duration saveInterval) {
        StoreVerifications node = new StoreVerifications(engine, checkpoints, new VerificationRecords(mongo.database()),
                node(name), saveInterval, Clock.systemUTC());
        processes.add(node);
        return node;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("stopped with the process", stopped);
        }
    }

    private static VerificationRun.Progress awaitFinished(StoreVerifications verifications, String id)
            throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            VerificationRun.Progress progress = verifications.progress(id);
            if (progress.status() != VerificationRun.Status.RUNNING) {
                return progress;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("verification " + id + " did not finish within " + PATIENCE);
    }

    private static void hangUntilTheProcessStops() {
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("stopped with the process", stopped);
        }
    }
}
