package ma.crafts.register.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Guarantees 2 and 3 when the group commit packs concurrent commits into one document: each commit stays atomic and in
 * order, and a sequence conflict fails exactly the conflicting commit, not the others sharing its document.
 */
class SharedDocumentContractTest {
    private final StoreFixture fixture = new StoreFixture();
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
        fixture.close();
    }

    @Test
    void commitsQueuedTogether_shareOneDocument_andAreEachDeliveredOnceInOrder() throws Exception {
        MongoEventStorageEngine engine = fixture.engine(Duration.ofSeconds(30));
        Map<String, Object> outcomes = appendWhileTheWriterIsHeld(engine, List.of("shared-a", "shared-b", "shared-c"));

        assertThat(outcomes.values()).containsOnly("stored");
        Document shared = commits().find(Filters.eq("streamKeys", "shared-a#0")).first();
        assertThat(shared.getList("streams", Document.class)).extracting(s -> s.getString("aggregateId"))
                .containsExactlyInAnyOrder("shared-a", "shared-b", "shared-c");
        assertThat(shared.getList("events", Document.class)).hasSize(6);
        for (String aggregate : outcomes.keySet()) {
            assertThat(engine.readEvents(aggregate).asStream()).extracting(e -> e.getSequenceNumber())
                    .containsExactly(0L, 1L);
            assertThat(engine.verifyStream(aggregate).intact()).isTrue();
        }
        try (Tail tail = new Tail(fixture.engine(Duration.ofSeconds(30)), fixture.tokenStore(), "shared")) {
            tail.awaitDelivered(7, Duration.ofSeconds(15));
            assertThat(tail.duplicates()).isZero();
            assertThat(tail.positionsInDeliveryOrder).isSorted().hasSize(7);
        }
    }

    @Test
    void aConflictInsideASharedDocument_failsOnlyTheConflictingCommit() throws Exception {
        // Another process created "taken" first; this engine does not know, so its commit of taken#0 reaches the insert.
        fixture.engine(Duration.ofSeconds(30)).appendEvents(TestEvents.domain("taken", 0));
        MongoEventStorageEngine engine = fixture.engine(Duration.ofSeconds(30));

        Map<String, Object> outcomes = appendWhileTheWriterIsHeld(engine, List.of("free-1", "taken", "free-2"));

        assertThat(outcomes.get("taken")).isInstanceOf(AggregateStreamCreationException.class);
        assertThat(outcomes.get("free-1")).isEqualTo("stored");
        assertThat(outcomes.get("free-2")).isEqualTo("stored");
        assertThat(engine.readEvents("taken").asStream()).hasSize(1);
        assertThat(engine.readEvents("free-1").asStream()).hasSize(2);
        assertThat(engine.readEvents("free-2").asStream()).hasSize(2);
        // The refused commit's positions are closed at once, so a processor neither waits for them nor skips others.
        try (Tail tail = new Tail(fixture.engine(Duration.ofSeconds(30)), fixture.tokenStore(), "conflict")) {
            tail.awaitDelivered(6, Duration.ofSeconds(15));
            assertThat(tail.duplicates()).isZero();
            assertThat(tail.positionsInDeliveryOrder).isSorted().hasSize(6);
        }
    }

    /**
     * Holds the engine's writer on an opening commit until two-event commits of {@code aggregates} (one thread each) are
     * queued behind it, so that the next writer takes them together; returns each commit's outcome.
     */
    private Map<String, Object> appendWhileTheWriterIsHeld(MongoEventStorageEngine engine, List<String> aggregates)
            throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean first = new AtomicBoolean(true);
        engine.stallBetweenReservationAndWrite(() -> {
            if (first.compareAndSet(true, false)) {
                held.countDown();
                awaitQuietly(release);
            }
        });
        Future<?> opener = pool.submit(() -> engine.appendEvents(TestEvents.domain("opener", 0)));
        assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
        Map<String, Future<Object>> appends = new LinkedHashMap<>();
        for (String aggregate : aggregates) {
            appends.put(aggregate, pool.submit(() -> {
                try {
                    engine.appendEvents(TestEvents.commit(aggregate, 0, 2));
                    return "stored";
                } catch (RuntimeException e) {
                    return e;
                }
            }));
        }
        // The appends cannot complete while the writer is held; give them time to queue.
        Thread.sleep(300);
        release.countDown();
        opener.get(10, TimeUnit.SECONDS);
        Map<String, Object> outcomes = new LinkedHashMap<>();
        for (Map.Entry<String, Future<Object>> append : appends.entrySet()) {
            outcomes.put(append.getKey(), append.getValue().get(10, TimeUnit.SECONDS));
        }
        return outcomes;
    }

    private MongoCollection<Document> commits() {
        return fixture.newProcessDatabase().getCollection("commits");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
