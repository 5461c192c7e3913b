package ma.crafts.register.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
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
        assertThat(event.getLong("position")).isZero();
    }
}
