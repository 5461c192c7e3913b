package ma.crafts.register.eventstore.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import ma.crafts.register.eventstore.InterleavedStore;
import ma.crafts.register.eventstore.MongoEventStorageEngine;
import ma.crafts.register.eventstore.StoreVerification;
import ma.crafts.register.eventstore.StreamHeads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The register's one series of checkpoints in MongoDB: stored once under their id with every head, read back as
 * sealed, and chained, so that a checkpoint removed from the series or replaced in it shows.
 */
class CheckpointSeriesTest {
    private final InterleavedStore fixture = new InterleavedStore();
    private final CheckpointSigner signer = CheckpointSigner.fromSeed(new SecureRandom().generateSeed(32));
    private static final Checkpoint.LogHead READ_LOG = new Checkpoint.LogHead(0, Checkpoint.FIRST);
    private MongoDatabase database;
    private CheckpointRecords records;
    private StoreVerification.Result store;

    @BeforeEach
    void aStore() {
        MongoEventStorageEngine engine = fixture.engineWithStreams();
        database = fixture.database();
        records = new CheckpointRecords(database);
        store = engine.verifyStore(Long.MAX_VALUE, (position, last, events) -> {
        });
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void aCheckpoint_isReadBackAsSealed_andItsIdIsTakenOnce() {
        Checkpoint first = seal(1, Checkpoint.FIRST, "2026-12-07T10:00:00Z");
        assertThat(records.append(first)).isTrue();
        assertThat(records.read(1)).contains(first);
        Checkpoint rival = seal(1, Checkpoint.FIRST, "2026-12-07T10:00:01Z");
        assertThat(records.append(rival)).as("a second checkpoint 1").isFalse();
        assertThat(records.read(1)).contains(first);
        assertThat(database.getCollection(CheckpointRecords.HEADS).countDocuments())
                .as("the rival's heads are not left behind").isEqualTo(1);
        assertThat(records.latestWithoutHeads()).hasValueSatisfying(latest -> {
            assertThat(latest.id()).isEqualTo(1);
            assertThat(latest.heads()).isEmpty();
            assertThat(latest.chainHash()).isEqualTo(first.chainHash());
        });
    }

    /** Millions of streams do not fit one document: the heads are kept in parts, and come back in their order. */
    @Test
    void headsBeyondOnePart_comeBackWhole() {
        List<StreamHeads.Head> many = IntStream.range(0, StreamHeads.HEADS_PER_PART * 2 + 7)
                .mapToObj(n -> new StreamHeads.Head("actor-" + n, n, Integer.toHexString(n))).toList();
        Checkpoint sealed = seal(1, Checkpoint.FIRST, "2026-12-07T10:00:00Z");
        Checkpoint large = new Checkpoint(1, sealed.position(), sealed.sealedAt(), sealed.events(), many.size(),
                StreamHeads.digest(many), sealed.keyId(), sealed.publicKey(), sealed.signature(), many, READ_LOG,
                Checkpoint.FIRST);
        assertThat(records.append(large)).isTrue();
        assertThat(records.read(1)).contains(large);
        assertThat(database.getCollection(CheckpointRecords.HEADS).countDocuments()).isEqualTo(3);
    }

    @Test
    void aChainedSeries_holds_evenAfterCheckpointsOfTheEarlierFormats() {
        List<Checkpoint> series = new ArrayList<>();
        series.add(signer.seal(1, store, Instant.parse("2026-12-01T00:00:00Z"), null, null));
        series.add(signer.seal(2, store, Instant.parse("2026-12-02T00:00:00Z"), READ_LOG, null));
        series.add(seal(3, series.get(1).chainHash(), "2026-12-03T00:00:00Z"));
        series.add(seal(4, series.get(2).chainHash(), "2026-12-04T00:00:00Z"));
        series.forEach(records::append);
        assertThat(CheckpointChain.firstBreak(records.seriesWithoutHeads())).isEmpty();
    }

    @Test
    void aCheckpointRemovedFromTheSeries_isNamed() {
        appendChained(4);
        database.getCollection(CheckpointRecords.CHECKPOINTS).deleteOne(Filters.eq("_id", 2L));
        assertThat(CheckpointChain.firstBreak(records.seriesWithoutHeads()))
                .hasValueSatisfying(found -> {
                    assertThat(found.checkpointId()).isEqualTo(2);
                    assertThat(found.detail()).contains("checkpoint 2 is missing");
                });
    }

    /** Renumbering the rest after a removal does not help: each names the hash of the one that was before it. */
    @Test
    void aCheckpointReplaced_orTheSeriesRenumbered_isNamed() {
        List<Checkpoint> series = appendChained(3);
        Checkpoint replaced = seal(2, series.get(0).chainHash(), "2026-12-02T12:00:00Z");
        database.getCollection(CheckpointRecords.CHECKPOINTS).deleteOne(Filters.eq("_id", 2L));
        assertThat(records.append(replaced)).isTrue();
        assertThat(CheckpointChain.firstBreak(records.seriesWithoutHeads()))
                .hasValueSatisfying(found -> assertThat(found.checkpointId()).isEqualTo(3));

        List<Checkpoint> renumbered = List.of(series.get(0), withId(series.get(2), 2));
        assertThat(CheckpointChain.firstBreak(renumbered))
                .hasValueSatisfying(found -> assertThat(found.checkpointId()).isEqualTo(2));
    }

    @Test
    void anUnchainedCheckpointAfterAChainedOne_isNamed() {
        Checkpoint chained = seal(1, Checkpoint.FIRST, "2026-12-01T00:00:00Z");
        Checkpoint unchained = signer.seal(2, store, Instant.parse("2026-12-02T00:00:00Z"), READ_LOG, null);
        assertThat(CheckpointChain.firstBreak(List.of(chained, unchained)))
                .hasValueSatisfying(found -> assertThat(found.checkpointId()).isEqualTo(2));
    }

    private List<Checkpoint> appendChained(int count) {
        List<Checkpoint> series = new ArrayList<>();
        for (int id = 1; id <= count; id++) {
            Checkpoint sealed = seal(id, id == 1 ? Checkpoint.FIRST : series.get(id - 2).chainHash(),
                    "2026-12-0" + id + "T00:00:00Z");
            assertThat(records.append(sealed)).isTrue();
            series.add(sealed);
        }
        return series;
    }

    private Checkpoint seal(long id, String previous, String at) {
        return signer.seal(id, store, Instant.parse(at), READ_LOG, previous);
    }

    private static Checkpoint withId(Checkpoint checkpoint, long id) {
        return new Checkpoint(id, checkpoint.position(), checkpoint.sealedAt(), checkpoint.events(),
                checkpoint.streams(), checkpoint.headsDigest(), checkpoint.keyId(), checkpoint.publicKey(),
                checkpoint.signature(), checkpoint.heads(), checkpoint.readLog(), checkpoint.previous());
    }
}
