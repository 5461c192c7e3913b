package ma.crafts.register.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import ma.crafts.register.eventstore.checkpoint.Checkpoint;
import ma.crafts.register.eventstore.checkpoint.CheckpointSigner;
import ma.crafts.register.platform.lease.Lease;
import ma.crafts.register.query.audit.mongo.VerificationRecords;
import ma.crafts.register.query.readlog.ReadLogVerification;
import ma.crafts.register.query.readlog.mongo.ReadLogRecords;
import ma.crafts.register.query.support.Acting;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The personal-data read log's last record is sealed in each checkpoint, signed with the store's heads, and verifying
 * against the checkpoint names a read-log record at or below it that was removed or altered; records read after the
 * seal change nothing.
 */
class ReadLogCheckpointTest {
    private static final int READS = 4;

    private final AuditedStore store = new AuditedStore(2, 6);
    private MongoCollection<Document> reads;
    private Checkpoint sealed;

    @BeforeEach
    void readFourTimesAndSeal() {
        Acting.as("auditor-1", "AUDITOR", null);
        for (int read = 0; read < READS; read++) {
            store.readLog.record("a-" + (read % 2), List.of("cin", "phone"));
        }
        sealed = store.checkpoints.seal();
        reads = store.mongo.database().getCollection(ReadLogRecords.COLLECTION);
    }

    @AfterEach
    void tearDown() {
        Acting.nobody();
        store.close();
    }

    @Test
    void theReadLogsLastRecord_isSealedAndSigned() {
        ReadLogVerification log = store.readLog.verify();
        assertThat(sealed.readLog()).isEqualTo(new Checkpoint.LogHead(READS, log.headHash()));
        assertThat(sealed.canonicalText()).startsWith(Checkpoint.FORMAT_CHAINED + "\n")
                .endsWith("readLogSequence=" + READS + "\nreadLogHash=" + log.headHash() + "\nprevious="
                        + Checkpoint.FIRST + "\n");
        assertThat(CheckpointSigner.holds(sealed, store.checkpoints.publicKeyPem())).isTrue();
        assertThat(store.checkpoints.readLogBreak(sealed)).isEmpty();

        store.readLog.record("a-0", List.of("address"));
        assertThat(store.checkpoints.readLogBreak(sealed)).as("a read after the seal").isEmpty();
    }

    @Test
    void aRecordAltered_isNamedAtItsSequence() {
        reads.updateOne(Filters.eq("_id", 2L), Updates.set("subject", "someone-else"));
        assertThat(store.checkpoints.readLogBreak(sealed)).hasValueSatisfying(found -> {
            assertThat(found.kind()).isEqualTo(BrokenLink.READ_LOG_CHANGED);
            assertThat(found.sequence()).isEqualTo(2L);
        });
    }

    @Test
    void theLastSealedRecordRemoved_isNamed_thoughTheShorterChainHolds() {
        reads.deleteOne(Filters.eq("_id", (long) READS));
        assertThat(store.readLog.verify().valid()).as("a shorter chain is still a valid chain").isTrue();
        assertThat(store.checkpoints.readLogBreak(sealed)).map(BrokenLink::sequence).contains((long) READS);
    }

    @Test
    void aRecordRemovedFromTheMiddle_failsTheVerificationAgainstTheCheckpoint() throws InterruptedException {
        reads.deleteOne(Filters.eq("_id", 2L));
        try (StoreVerifications verifications = new StoreVerifications(store.engine, store.checkpoints,
                new VerificationRecords(store.mongo.database()), new Lease("node", Duration.ofSeconds(60)),
                Duration.ofSeconds(10), Clock.systemUTC())) {
            String id = verifications.start(sealed.id()).id();
            VerificationRun.Progress outcome = verifications.progress(id);
            for (int wait = 0; wait < 200 && outcome.status() == VerificationRun.Status.RUNNING; wait++) {
                Thread.sleep(50);
                outcome = verifications.progress(id);
            }
            assertThat(outcome.status()).isEqualTo(VerificationRun.Status.BROKEN);
            assertThat(outcome.signatureHolds()).isTrue();
            assertThat(outcome.breakCount()).isEqualTo(1);
            assertThat(outcome.firstBrokenLink().kind()).isEqualTo(BrokenLink.READ_LOG_CHANGED);
            assertThat(outcome.firstBrokenLink().sequence()).as("the first record whose link fails").isEqualTo(3L);
        }
    }
}
