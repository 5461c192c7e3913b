package ma.crafts.register.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.model.Filters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Guarantees 2 (atomic commits) and 6 (plain documents). */
class CommitContractTest {
    private final StoreFixture fixture = new StoreFixture();

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void aReaderSeesAMultiEventCommitWholeOrNotAtAll() throws Exception {
        MongoEventStorageEngine writer = fixture.engine(Duration.ofSeconds(30));
        MongoEventStorageEngine reader = fixture.engine(Duration.ofSeconds(30));
        AtomicBoolean writing = new AtomicBoolean(true);
        CompletableFuture<Void> writes = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 200; i++) {
                writer.appendEvents(TestEvents.commit("atomic-" + i, 0, 3));
            }
            writing.set(false);
        });
        int observations = 0;
        while (writing.get() || observations == 0) {
            Map<String, Long> eventsPerAggregate = reader.readEvents((TrackingToken) null, false)
                    .map(TrackedEventMessage.class::cast)
                    .collect(Collectors.groupingBy(e -> ((org.axonframework.eventhandling.DomainEventMessage<?>) e).getAggregateIdentifier(),
                            Collectors.counting()));
            assertThat(eventsPerAggregate.values()).allMatch(count -> count == 3);
            observations++;
        }
        writes.get();
        assertThat(observations).isPositive();
    }

    @Test
    void eachEventOfACommitCarriesTheTokenUpToItsOwnPosition() {
        MongoEventStorageEngine engine = fixture.engine(Duration.ofSeconds(30));
        engine.appendEvents(TestEvents.commit("shared", 0, 3));
        List<? extends TrackedEventMessage<?>> events = engine.readEvents((TrackingToken) null, false).toList();
        assertThat(events).extracting(e -> ((GapAwareTrackingToken) e.trackingToken()).getIndex())
                .containsExactly(0L, 1L, 2L);
        assertThat(events).extracting(e -> ((Number) e.getMetaData().get("globalPosition")).longValue())
                .containsExactly(0L, 1L, 2L);
    }

    /**
     * A processor's batch may end inside a commit (Axon closes a batch when the next event is not in its buffer yet).
     * The token it stores then claims only the events it handled, so read-your-writes does not report the commit as
     * applied too early, and a restart resumes at the commit's next event: no event lost, none repeated.
     */
    @Test
    void aProcessorStoppedInsideACommit_resumesAtItsNextEvent() {
        MongoEventStorageEngine engine = fixture.engine(Duration.ofSeconds(30));
        engine.appendEvents(TestEvents.commit("split", 0, 3));
        engine.appendEvents(TestEvents.domain("after", 0));
        List<? extends TrackedEventMessage<?>> rest = engine.readEvents(GapAwareTrackingToken.newInstance(0, List.of()),
                false).toList();
        assertThat(rest).extracting(e -> ((Number) e.getMetaData().get("globalPosition")).longValue())
                .containsExactly(1L, 2L, 3L);
        assertThat(rest).extracting(e -> ((GapAwareTrackingToken) e.trackingToken()).getIndex())
                .containsExactly(1L, 2L, 3L);
        assertThat(rest).extracting(e -> ((TestEvents.ThingHappened) e.getPayload()).thingId() + "#"
                + ((TestEvents.ThingHappened) e.getPayload()).number()).containsExactly("split#1", "split#2", "after#0");
        assertThat(engine.readEvents(GapAwareTrackingToken.newInstance(1, List.of()), false).toList())
                .extracting(e -> ((TestEvents.ThingHappened) e.getPayload()).thingId() + "#"
                        + ((TestEvents.ThingHappened) e.getPayload()).number()).containsExactly("split#2", "after#0");
        assertThat(engine.readEvents(GapAwareTrackingToken.newInstance(2, List.of()), false).toList())
                .extracting(e -> ((Number) e.getMetaData().get("globalPosition")).longValue()).containsExactly(3L);
    }

    @Test
    void storedCommitsArePlainBsonDocuments_readableWithMongosh() {
        MongoEventStorageEngine engine = fixture.engine(Duration.ofSeconds(30));
        engine.appendEvents(TestEvents.commit("plain", 0, 2));
        Document commit = fixture.newProcessDatabase().getCollection("commits").find(Filters.eq("streamKeys", "plain#0")).first();
        assertThat(commit).isNotNull();
        assertThat(commit.get("committedAt")).isInstanceOf(Date.class);
        Document event = commit.getList("events", Document.class).get(0);
        assertThat(event.get("timestamp")).isInstanceOf(Date.class);
        assertThat(event.get("payload")).isInstanceOf(Document.class);
        assertThat(event.get("payload", Document.class).getString("note")).isEqualTo("نص عربي et français");
        assertThat(event.get("metaData", Document.class).getString("recordedBy")).isEqualTo("tester");
        assertThat(commit.getLong("_id")).as("the first event's position").isZero();
        assertThat(commit.getLong("last")).isEqualTo(1L);
        assertThat(event).doesNotContainKey("position");
        assertThat(commit.get("streamKeys")).isEqualTo("plain#0");
        assertThat(commit.getString("prevHash")).isEqualTo(HashChain.GENESIS);
        assertThat(commit.getString("hash")).matches("[0-9a-f]{64}");
    }

    /** Stores written before positions were derived from {@code _id} list every commit's streams and positions. */
    @Test
    void aCommitInTheEarlierLayout_isStillLoadedTrackedVerifiedAndChainedTo() {
        var database = fixture.newProcessDatabase();
        Document event = new Document("position", 0L).append("aggregateType", "Thing").append("aggregateId", "legacy")
                .append("seq", 0L).append("eventId", "legacy-event-0").append("timestamp", new Date())
                .append("payloadType", TestEvents.ThingHappened.class.getName()).append("payloadRevision", null)
                .append("payload", new Document("thingId", "legacy").append("number", 0).append("note", "قديم / ancien"))
                .append("metaData", new Document("recordedBy", "tester"));
        String hash = new HashChain().hash(HashChain.GENESIS, List.of(event));
        database.getCollection("counters").insertOne(new Document("_id", "commits").append("next", 1L));
        database.getCollection("commits").insertOne(new Document("_id", 0L).append("last", 0L).append("committedAt", new Date())
                .append("streamKeys", List.of("legacy#0"))
                .append("streams", List.of(new Document("aggregateId", "legacy").append("aggregateType", "Thing")
                        .append("firstSeq", 0L).append("lastSeq", 0L).append("prevHash", HashChain.GENESIS).append("hash", hash)))
                .append("events", List.of(event)));

        MongoEventStorageEngine engine = fixture.engine(Duration.ofSeconds(30));
        engine.appendEvents(TestEvents.domain("legacy", 1));

        assertThat(engine.readEvents("legacy").asStream().map(e -> ((TestEvents.ThingHappened) e.getPayload()).note()).toList())
                .containsExactly("قديم / ancien", "نص عربي et français");
        assertThat(engine.readEvents((TrackingToken) null, false).toList())
                .extracting(e -> ((Number) e.getMetaData().get("globalPosition")).longValue()).containsExactly(0L, 1L);
        HashChain.Verification verification = engine.verifyStream("legacy");
        assertThat(verification.problems()).isEmpty();
        assertThat(verification.eventsChecked()).isEqualTo(2);
        // The whole-store walk hashes events as read, except those that still carry the earlier layout's position.
        StoreVerification.Result whole = engine.verifyStore(Long.MAX_VALUE, (position, last, events) -> {
        });
        assertThat(whole.breaks()).isEmpty();
        assertThat(whole.events()).isEqualTo(2);
    }

    @Test
    void aCommitOfSeveralAggregates_listsEachOnesKeyAndHashes() {
        MongoEventStorageEngine engine = fixture.engine(Duration.ofSeconds(30));
        engine.appendEvents(TestEvents.domain("solo", 0));
        engine.appendEvents(List.of(TestEvents.domain("solo", 1), TestEvents.domain("duo", 0), TestEvents.notification("n")));
        Document commit = fixture.newProcessDatabase().getCollection("commits").find(Filters.eq("streamKeys", "duo#0")).first();
        assertThat(commit).isNotNull();
        assertThat(commit.getList("streamKeys", String.class)).containsExactly("solo#1", "duo#0");
        assertThat(commit.getList("streams", Document.class)).extracting(stream -> stream.getString("aggregateId"),
                stream -> stream.getLong("firstSeq"), stream -> stream.getLong("lastSeq")).containsExactly(
                org.assertj.core.groups.Tuple.tuple("solo", 1L, 1L), org.assertj.core.groups.Tuple.tuple("duo", 0L, 0L));
        assertThat(engine.verifyStream("solo").intact()).isTrue();
        assertThat(engine.verifyStream("duo").intact()).isTrue();
        assertThat(engine.readEvents("solo").asStream().map(e -> e.getSequenceNumber()).toList()).containsExactly(0L, 1L);
    }

    /**
     * A writer takes queued commits only up to the group limit, so its own commit may be left in the queue behind a large
     * one. It must take the writer role again for it: nobody else is bound to append soon, and its caller would wait
     * forever.
     */
    @Test
    void aCommitQueuedBehindAFullGroup_isWrittenWithoutWaitingForAnotherAppend() throws Exception {
        MongoEventStorageEngine engine = fixture.builder(Duration.ofMinutes(5))
                .maxConcurrentWrites(1).maxGroupCommitEvents(2).build();
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch releaseHolder = new CountDownLatch(1);
        CountDownLatch largeQueued = new CountDownLatch(1);
        CountDownLatch releaseLarge = new CountDownLatch(1);
        AtomicBoolean first = new AtomicBoolean(true);
        engine.groupCommit().stallBetweenReservationAndWrite(() -> {
            if (first.getAndSet(false)) {
                holding.countDown();
                awaitQuietly(releaseHolder);
            }
        });
        // The large commit's thread queues it, then keeps away from the writer slot until the small one is written.
        engine.groupCommit().stallAfterQueueing(() -> {
            if (Thread.currentThread().getName().equals("append-large")) {
                largeQueued.countDown();
                awaitQuietly(releaseLarge);
            }
        });
        Thread holder = append(engine, "holder", TestEvents.commit("holder", 0, 1));
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        Thread large = append(engine, "large", TestEvents.commit("large", 0, 3));
        assertThat(largeQueued.await(10, TimeUnit.SECONDS)).isTrue();
        Thread small = append(engine, "small", TestEvents.commit("small", 0, 1));
        await().atMost(Duration.ofSeconds(10)).until(() -> small.getState() == Thread.State.WAITING);

        // The slot frees; the small commit's thread takes it, and the group limit fills its batch with the large commit.
        releaseHolder.countDown();
        small.join(10_000);
        assertThat(small.isAlive()).as("the small commit's thread still waits for its commit").isFalse();
        assertThat(engine.lastSequenceNumberFor("small")).contains(0L);
        assertThat(engine.lastSequenceNumberFor("large")).contains(2L);

        releaseLarge.countDown();
        large.join(10_000);
        holder.join(10_000);
        assertThat(large.isAlive() || holder.isAlive()).isFalse();
    }

    /** A writer that fails gives every commit it claimed an outcome: the other appenders get the error, not a hang. */
    @Test
    void aWriterThatFails_failsEveryCommitItClaimed() throws Exception {
        MongoEventStorageEngine engine = fixture.builder(Duration.ofMinutes(5)).maxConcurrentWrites(1).build();
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch releaseHolder = new CountDownLatch(1);
        AtomicInteger writes = new AtomicInteger();
        engine.groupCommit().stallBetweenReservationAndWrite(() -> {
            if (writes.incrementAndGet() == 1) {
                holding.countDown();
                awaitQuietly(releaseHolder);
            } else {
                throw new IllegalStateException("the writer broke down");
            }
        });
        Thread holder = append(engine, "holder", TestEvents.commit("holder", 0, 1));
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        Map<String, Throwable> failures = new ConcurrentHashMap<>();
        List<Thread> queued = new ArrayList<>();
        for (String name : List.of("first", "second")) {
            Thread thread = new Thread(() -> {
                try {
                    engine.appendEvents(TestEvents.commit(name, 0, 1));
                } catch (RuntimeException e) {
                    failures.put(name, e);
                }
            }, "append-" + name);
            thread.setDaemon(true);
            thread.start();
            queued.add(thread);
            await().atMost(Duration.ofSeconds(10)).until(() -> thread.getState() == Thread.State.WAITING);
        }

        // Whichever takes the slot claims both commits, then fails.
        releaseHolder.countDown();
        for (Thread thread : queued) {
            thread.join(10_000);
            assertThat(thread.isAlive()).as("%s still waits for its commit", thread.getName()).isFalse();
        }
        assertThat(failures).containsOnlyKeys("first", "second");
        assertThat(engine.lastSequenceNumberFor("first")).isEmpty();
        assertThat(engine.lastSequenceNumberFor("second")).isEmpty();
        holder.join(10_000);
    }

    private static Thread append(MongoEventStorageEngine engine, String name,
                                 List<? extends EventMessage<?>> commit) {
        Thread thread = new Thread(() -> engine.appendEvents(commit), "append-" + name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
