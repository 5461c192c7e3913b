package ma.crafts.register.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.mongodb.client.model.Filters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Guarantee 3: of several appends at the same aggregate sequence, exactly one wins, also across processes. */
class ConcurrencyContractTest {
    private final StoreFixture fixture = new StoreFixture();

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void concurrentCreationOfTheSameStream_exactlyOneWins() throws Exception {
        List<Object> outcomes = race(10, engine -> () -> {
            engine.appendEvents(TestEvents.domain("created-once", 0));
            return "won";
        });
        assertThat(outcomes).filteredOn("won"::equals).hasSize(1);
        assertThat(outcomes).filteredOn(o -> o instanceof AggregateStreamCreationException).hasSize(9);
    }

    @Test
    void concurrentAppendsAtTheSameSequence_exactlyOneWins_othersGetConcurrencyException() throws Exception {
        MongoEventStorageEngine setup = fixture.engine(Duration.ofSeconds(30));
        for (long seq = 0; seq < 5; seq++) {
            setup.appendEvents(TestEvents.domain("contested", seq));
        }
        List<Object> outcomes = race(10, engine -> () -> {
            engine.appendEvents(TestEvents.commit("contested", 5, 2));
            return "won";
        });
        assertThat(outcomes).filteredOn("won"::equals).hasSize(1);
        assertThat(outcomes).filteredOn(o -> o instanceof ConcurrencyException && !(o instanceof AggregateStreamCreationException)).hasSize(9);
        assertThat(setup.lastSequenceNumberFor("contested")).contains(6L);
        assertThat(setup.readEvents("contested").asStream().count()).isEqualTo(7);
    }

    /**
     * A commit of one aggregate stores its stream key as a string, a commit of several as an array; both must fall under
     * the same unique index, or a single-aggregate append could win a sequence a multi-aggregate commit also holds.
     */
    @Test
    void aMultiAggregateCommitAndASingleAggregateCommit_contendForTheSameStreamKey_exactlyOneWins() throws Exception {
        List<Object> outcomes = race(10, engine -> {
            String partner = "partner-" + UUID.randomUUID();
            return () -> {
                if (partner.hashCode() % 2 == 0) {
                    engine.appendEvents(TestEvents.domain("shared", 0));
                    return "won alone";
                }
                engine.appendEvents(List.of(TestEvents.domain(partner, 0), TestEvents.domain("shared", 0)));
                return partner;
            };
        });
        assertThat(outcomes).filteredOn(o -> o instanceof String).hasSize(1);
        assertThat(outcomes).filteredOn(o -> o instanceof AggregateStreamCreationException).hasSize(9);
        MongoEventStorageEngine reader = fixture.engine(Duration.ofSeconds(30));
        assertThat(reader.readEvents("shared").asStream().count()).isEqualTo(1);
        Object winner = outcomes.stream().filter(o -> o instanceof String).findFirst().orElseThrow();
        long partnersStored = fixture.newProcessDatabase().getCollection("commits")
                .countDocuments(Filters.regex("streamKeys", "^partner-"));
        assertThat(partnersStored).as("a losing multi-aggregate commit stores none of its events")
                .isEqualTo(winner.equals("won alone") ? 0 : 1);
    }

    @Test
    void aSingleAggregateAppend_afterAMultiAggregateCommitHoldsItsSequence_isRejected() {
        MongoEventStorageEngine engine = fixture.engine(Duration.ofSeconds(30));
        engine.appendEvents(List.of(TestEvents.domain("left", 0), TestEvents.domain("right", 0), TestEvents.domain("right", 1)));
        assertThat(catchThrowable(() -> engine.appendEvents(TestEvents.domain("right", 0))))
                .isInstanceOf(AggregateStreamCreationException.class);
        assertThat(catchThrowable(() -> engine.appendEvents(TestEvents.domain("left", 0))))
                .isInstanceOf(AggregateStreamCreationException.class);
        assertThat(catchThrowable(() -> engine.appendEvents(TestEvents.domain("right", 1))))
                .as("a sequence inside another commit's part of the stream").isInstanceOf(ConcurrencyException.class);
        engine.appendEvents(TestEvents.domain("right", 2));
        assertThat(engine.readEvents("right").asStream().map(e -> e.getSequenceNumber()).toList()).containsExactly(0L, 1L, 2L);
    }

    /** Runs the task on {@code racers} threads spread over two engine instances (two "processes"), released together. */
    private List<Object> race(int racers, java.util.function.Function<MongoEventStorageEngine, Callable<Object>> task) throws Exception {
        List<MongoEventStorageEngine> processes = List.of(fixture.engine(Duration.ofSeconds(30)), fixture.engine(Duration.ofSeconds(30)));
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Object>> futures = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            Callable<Object> attempt = task.apply(processes.get(i % 2));
            futures.add(pool.submit(() -> {
                start.await();
                try {
                    return attempt.call();
                } catch (RuntimeException e) {
                    return e;
                }
            }));
        }
        start.countDown();
        List<Object> outcomes = new ArrayList<>();
        for (Future<Object> future : futures) {
            outcomes.add(future.get());
        }
        pool.shutdown();
        return outcomes;
    }
}
