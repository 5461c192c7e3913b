package ma.crafts.register.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A verification of the whole store stopped after a window (the process died) and carried on from what it handed out
 * then gives what one uninterrupted run gives: the same counts, heads and breaks, those found before the stop included.
 */
class StoreVerificationResumptionContractTest {
    private static final int STREAMS = 40;
    private static final int COMMITS_PER_STREAM = 20;
    private static final int EVENTS_PER_COMMIT = 3;

    private final StoreFixture fixture = new StoreFixture();
    private MongoEventStorageEngine engine;
    private MongoCollection<Document> commits;

    /** 2,400 events: several windows, with every stream's commits spread over all of them. */
    @BeforeEach
    void writeManyWindows() {
        engine = fixture.engine(Duration.ofSeconds(30));
        for (int commit = 0; commit < COMMITS_PER_STREAM; commit++) {
            for (int stream = 0; stream < STREAMS; stream++) {
                engine.appendEvents(TestEvents.commit("s" + stream, (long) commit * EVENTS_PER_COMMIT, EVENTS_PER_COMMIT));
            }
        }
        commits = fixture.newProcessDatabase().getCollection("commits");
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void anUntouchedStore_resumedAfterTheFirstWindow_givesTheUninterruptedResult() {
        StoreVerification.Result whole = engine.verifyStore(Long.MAX_VALUE, (position, last, events) -> {
        });
        StoreVerification.Resumption stoppedAt = runUntilTheFirstResumption();
        assertThat(stoppedAt.events()).isPositive().isLessThan(whole.events());

        List<Long> reached = new ArrayList<>();
        StoreVerification.Result resumed = engine.resumeStoreVerification(stoppedAt,
                (position, last, events) -> reached.add(position));

        assertThat(reached.get(0)).as("the first window read after the resumption")
                .isGreaterThanOrEqualTo(stoppedAt.nextWindow());
        assertSameVerdict(resumed, whole);
        assertThat(resumed.valid()).isTrue();
        assertThat(resumed.events()).isEqualTo((long) STREAMS * COMMITS_PER_STREAM * EVENTS_PER_COMMIT);
    }

    @Test
    void breaksFoundBeforeTheStop_andAfterIt_areAllNamed() {
        long early = positionOf("s3#0");
        long late = positionOf("s7#" + (COMMITS_PER_STREAM - 2) * EVENTS_PER_COMMIT);
        commits.updateOne(Filters.eq("_id", early), Updates.set("events.0.payload.note", "forged"));
        commits.deleteOne(Filters.eq("_id", late));
        StoreVerification.Result whole = engine.verifyStore(Long.MAX_VALUE, (position, last, events) -> {
        });

        StoreVerification.Resumption stoppedAt = runUntilTheFirstResumption();
        assertThat(stoppedAt.breaks()).extracting(ChainBreak::position).containsExactly(early);
        StoreVerification.Result resumed = engine.resumeStoreVerification(stoppedAt, (position, last, events) -> {
        });

        assertSameVerdict(resumed, whole);
        assertThat(resumed.breaks()).extracting(ChainBreak::kind, ChainBreak::position).contains(
                org.assertj.core.groups.Tuple.tuple(ChainBreak.Kind.MODIFIED, early),
                org.assertj.core.groups.Tuple.tuple(ChainBreak.Kind.POSITIONS_MISSING, late));
    }

    /**
     * Everything but the last position read: the engine closes an idle position block's remainder with a void document
     * a moment after the fill, so one run may end on that void and another just before it.
     */
    private static void assertSameVerdict(StoreVerification.Result resumed, StoreVerification.Result whole) {
        assertThat(resumed).usingRecursiveComparison().ignoringFields("lastPosition").isEqualTo(whole);
    }

    /** Runs until the first window is verified, takes what it hands out, and stops it there as a crash would. */
    private StoreVerification.Resumption runUntilTheFirstResumption() {
        List<StoreVerification.Resumption> handedOut = new ArrayList<>();
        StoreVerification.Progress crashing = new StoreVerification.Progress() {
            @Override
            public void reached(long position, long lastPosition, long eventsChecked) {
            }

            @Override
            public boolean wantsResumption() {
                return true;
            }

            @Override
            public void resumable(StoreVerification.Resumption state) {
                handedOut.add(state);
                throw new ProcessDied();
            }
        };
        assertThatThrownBy(() -> engine.verifyStore(Long.MAX_VALUE, crashing)).isInstanceOf(ProcessDied.class);
        assertThat(handedOut).hasSize(1);
        return handedOut.get(0);
    }

    private static final class ProcessDied extends RuntimeException {
    }

    private long positionOf(String streamKey) {
        return commits.find(Filters.eq("streamKeys", streamKey)).first().getLong("_id");
    }
}
