package ma.crafts.register.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.time.Duration;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Guarantee 5: each aggregate's commits form a SHA-256 chain that exposes modified, removed or reordered events. */
class HashChainContractTest {
    private final StoreFixture fixture = new StoreFixture();
    private MongoEventStorageEngine engine;
    private MongoCollection<Document> commits;

    @BeforeEach
    void writeAStream() {
        engine = fixture.engine(Duration.ofSeconds(30));
        engine.appendEvents(TestEvents.commit("chained", 0, 2));
        engine.appendEvents(TestEvents.commit("chained", 2, 1));
        engine.appendEvents(TestEvents.commit("chained", 3, 3));
        commits = fixture.newProcessDatabase().getCollection("commits");
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void untouchedStream_verifies() {
        HashChain.Verification verification = engine.verifyStream("chained");
        assertThat(verification.intact()).isTrue();
        assertThat(verification.eventsChecked()).isEqualTo(6);
    }

    @Test
    void aFreshEngineWithoutCachedTips_stillLinksNewCommits() {
        fixture.engine(Duration.ofSeconds(30)).appendEvents(TestEvents.domain("chained", 6));
        assertThat(engine.verifyStream("chained").intact()).isTrue();
    }

    @Test
    void modifiedPayload_isDetected() {
        commits.updateOne(Filters.eq("streamKeys", "chained#2"), Updates.set("events.0.payload.note", "forged"));
        HashChain.Verification verification = engine.verifyStream("chained");
        assertThat(verification.intact()).isFalse();
        assertThat(verification.problems()).anyMatch(problem -> problem.contains("modified"));
    }

    @Test
    void removedCommit_isDetected() {
        commits.deleteOne(Filters.eq("streamKeys", "chained#2"));
        assertThat(engine.verifyStream("chained").intact()).isFalse();
    }

    @Test
    void reorderedEvents_areDetected() {
        Document commit = commits.find(Filters.eq("streamKeys", "chained#3")).first();
        var events = new java.util.ArrayList<>(commit.getList("events", Document.class));
        java.util.Collections.swap(events, 0, 2);
        commits.updateOne(Filters.eq("_id", commit.get("_id")), Updates.set("events", events));
        assertThat(engine.verifyStream("chained").intact()).isFalse();
    }

    @Test
    void removedLatestCommits_areDetectedOnlyAgainstTheHeadACheckpointSealed() {
        HashChain.Verification before = engine.verifyStream("chained");
        StreamHeads.Head sealed = new StreamHeads.Head("chained", before.lastSequence(), before.headHash());
        engine.appendEvents(TestEvents.domain("chained", 6));
        assertThat(engine.verifyStream("chained", sealed).intact()).as("a stream that grew still passes its sealed head")
                .isTrue();

        commits.deleteOne(Filters.eq("streamKeys", "chained#6"));
        commits.deleteOne(Filters.eq("streamKeys", "chained#3"));
        assertThat(engine.verifyStream("chained").intact()).as("a shorter chain is still a valid chain").isTrue();
        HashChain.Verification against = engine.verifyStream("chained", sealed);
        assertThat(against.breaks()).singleElement().satisfies(found -> {
            assertThat(found.kind()).isEqualTo(ChainBreak.Kind.HEAD_CHANGED);
            assertThat(found.sequence()).isEqualTo(3L);
        });
    }
}
