package ma.crafts.register.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Guarantee 5 over the whole store: each way of editing the commit documents by hand (modify, delete, reorder, insert)
 * is named by the one-pass verification, with the stream, sequence and position where the record breaks.
 */
class StoreVerificationContractTest {
    private final InterleavedStore store = new InterleavedStore();
    private MongoEventStorageEngine engine;
    private MongoCollection<Document> commits;

    @BeforeEach
    void writeInterleavedStreams() {
        engine = store.engineWithStreams();
        commits = store.commits();
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    @Test
    void untouchedStore_verifiesWithEveryStreamsHead() {
        StoreVerification.Result result = verifyAll();
        assertThat(result.valid()).as(String.valueOf(result.breaks())).isTrue();
        assertThat(result.events()).isEqualTo(12);
        assertThat(result.commits()).isEqualTo(7);
        assertThat(result.heads()).extracting(StreamHeads.Head::aggregateId, StreamHeads.Head::lastSequence)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("alpha", 5L),
                        org.assertj.core.groups.Tuple.tuple("beta", 2L), org.assertj.core.groups.Tuple.tuple("gamma", 2L));
        assertThat(result.heads().get(0).hash()).isEqualTo(engine.verifyStream("alpha").headHash());
    }

    @Test
    void modifiedEvent_isNamedWithItsStreamSequenceAndPosition() {
        long position = positionOf("alpha#2");
        commits.updateOne(Filters.eq("_id", position), Updates.set("events.1.payload.note", "forged"));
        assertThat(onlyBreak()).isEqualTo(new ChainBreak("alpha", 2L, position, ChainBreak.Kind.MODIFIED,
                "commit at sequence 2 was modified: its hash does not match its events"));
    }

    @Test
    void reorderedEvents_areNamed() {
        Document commit = commits.find(Filters.eq("streamKeys", "alpha#2")).first();
        List<Document> events = new ArrayList<>(commit.getList("events", Document.class));
        Collections.swap(events, 0, 2);
        commits.updateOne(Filters.eq("_id", commit.get("_id")), Updates.set("events", events));
        assertThat(onlyBreak().kind()).isEqualTo(ChainBreak.Kind.REORDERED);
    }

    @Test
    void anEventTakenOutOfACommit_isNamed() {
        commits.updateOne(Filters.eq("streamKeys", "alpha#2"), Updates.popLast("events"));
        ChainBreak found = onlyBreak();
        assertThat(found.kind()).isEqualTo(ChainBreak.Kind.EVENT_REMOVED);
        assertThat(found.aggregateId()).isEqualTo("alpha");
    }

    @Test
    void anEventInsertedIntoACommit_isNamed() {
        Document commit = commits.find(Filters.eq("streamKeys", "beta#1")).first();
        Document extra = new Document(commit.getList("events", Document.class).get(0));
        extra.put("eventId", "forged");
        commits.updateOne(Filters.eq("_id", commit.get("_id")), Updates.push("events", extra));
        StoreVerification.Result result = verifyAll();
        assertThat(result.breaks()).extracting(ChainBreak::kind).contains(ChainBreak.Kind.INSERTED);
        assertThat(result.breaks()).allMatch(found -> "beta".equals(found.aggregateId()) || found.aggregateId() == null);
    }

    @Test
    void aCommitRemovedFromTheMiddleOfTheStore_isNamedByItsPositionsAndItsStream() {
        long position = positionOf("alpha#2");
        commits.deleteOne(Filters.eq("_id", position));
        StoreVerification.Result result = verifyAll();
        assertThat(result.breaks()).extracting(ChainBreak::kind, ChainBreak::position).contains(
                org.assertj.core.groups.Tuple.tuple(ChainBreak.Kind.POSITIONS_MISSING, position),
                org.assertj.core.groups.Tuple.tuple(ChainBreak.Kind.MISSING, positionOf("alpha#5")));
        assertThat(result.breaks()).filteredOn(found -> found.kind() == ChainBreak.Kind.MISSING).singleElement()
                .extracting(ChainBreak::sequence).isEqualTo(2L);
    }

    @Test
    void theLastCommitOfAStream_removedBelowTheHead_leavesItsPositionsEmpty() {
        long position = positionOf("beta#1");
        commits.deleteOne(Filters.eq("_id", position));
        assertThat(engine.verifyStream("beta").intact()).as("a shorter chain is still a valid chain").isTrue();
        assertThat(onlyBreak()).extracting(ChainBreak::kind, ChainBreak::position)
                .containsExactly(ChainBreak.Kind.POSITIONS_MISSING, position);
    }

    @Test
    void aCommitInsertedInsideAStream_isNamed() {
        store.counters().updateOne(Filters.eq("_id", "commits"),
                Updates.set("next", 1_001L));
        Document forged = commits.find(Filters.eq("streamKeys", "alpha#5")).first();
        forged.put("_id", 1_000L);
        forged.put("last", 1_000L);
        forged.put("streamKeys", "alpha#4");
        forged.getList("events", Document.class).get(0).put("seq", 4L);
        commits.insertOne(forged);
        StoreVerification.Result result = verifyAll();
        assertThat(result.breaks()).extracting(ChainBreak::kind).contains(ChainBreak.Kind.INSERTED);
        assertThat(result.breaks()).filteredOn(found -> found.kind() == ChainBreak.Kind.INSERTED)
                .extracting(ChainBreak::aggregateId, ChainBreak::sequence, ChainBreak::position)
                .contains(org.assertj.core.groups.Tuple.tuple("alpha", 4L, 1_000L));
    }

    @Test
    void progress_reachesTheLastPosition() {
        List<Long> reached = new ArrayList<>();
        StoreVerification.Result result = engine.verifyStore(Long.MAX_VALUE, (position, last, events) -> reached.add(position));
        assertThat(reached).isNotEmpty();
        assertThat(reached.get(reached.size() - 1)).isGreaterThanOrEqualTo(result.lastPosition());
    }

    private StoreVerification.Result verifyAll() {
        return engine.verifyStore(Long.MAX_VALUE, (position, last, events) -> {
        });
    }

    private ChainBreak onlyBreak() {
        StoreVerification.Result result = verifyAll();
        assertThat(result.breaks()).hasSize(1);
        assertThat(result.breakCount()).isEqualTo(1);
        return result.breaks().get(0);
    }

    private long positionOf(String streamKey) {
        return commits.find(Filters.eq("streamKeys", streamKey)).first().getLong("_id");
    }
}
