package ma.crafts.register.eventstore.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import ma.crafts.register.eventstore.ChainBreak;
import ma.crafts.register.eventstore.InterleavedStore;
import ma.crafts.register.eventstore.MongoEventStorageEngine;
import ma.crafts.register.eventstore.StoreVerification;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signed checkpoints: a store checked against one shows any event at or below its position changed, removed or added,
 * the deletion of a stream's latest commits included; and the procedure of docs/audit-checkpoints.md (jq, openssl and
 * a plain walk over the commit documents) agrees with the register's own code.
 */
class CheckpointContractTest {
    private final InterleavedStore fixture = new InterleavedStore();
    private final CheckpointSigner signer = CheckpointSigner.fromSeed(new SecureRandom().generateSeed(32));
    private MongoEventStorageEngine engine;
    private MongoCollection<Document> commits;
    /** The read log's head as the query side seals it beside the store's (its records are the query side's). */
    private static final Checkpoint.LogHead READ_LOG = new Checkpoint.LogHead(7, "ab".repeat(32));
    private Checkpoint sealed;

    @TempDir
    Path temp;

    @BeforeEach
    void sealAStore() {
        engine = fixture.engineWithStreams();
        commits = fixture.commits();
        sealed = signer.seal(1, engine.verifyStore(Long.MAX_VALUE, (position, last, events) -> {
        }), Instant.parse("2026-12-07T10:15:30Z"), READ_LOG, Checkpoint.FIRST);
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void theSealedStore_andEventsAppendedAfterTheSeal_check() {
        fixture.appendMore(engine);
        CheckpointCheck.Outcome outcome = check(sealed);
        assertThat(outcome.breaks()).isEmpty();
        assertThat(outcome.valid()).isTrue();
        assertThat(sealed.streams()).isEqualTo(3);
        assertThat(sealed.events()).isEqualTo(12);
    }

    @Test
    void aStreamsLatestCommitRemoved_theLastCommitOfTheStore_isNamed() {
        Document last = commits.find(Filters.eq("streamKeys", "gamma#2")).first();
        commits.deleteOne(Filters.eq("_id", last.get("_id")));
        assertThat(engine.verifyStream("gamma").intact()).as("a shorter chain is still a valid chain").isTrue();
        CheckpointCheck.Outcome outcome = check(sealed);
        assertThat(outcome.valid()).isFalse();
        assertThat(outcome.breaks()).filteredOn(found -> found.aggregateId() != null).singleElement()
                .extracting(ChainBreak::kind, ChainBreak::aggregateId).containsExactly(ChainBreak.Kind.HEAD_CHANGED, "gamma");
    }

    @Test
    void aModifiedEvent_isNamed() {
        commits.updateOne(Filters.eq("streamKeys", "beta#0"),
                com.mongodb.client.model.Updates.set("events.0.payload.note", "forged"));
        assertThat(check(sealed).breaks()).extracting(ChainBreak::kind, ChainBreak::aggregateId)
                .contains(org.assertj.core.groups.Tuple.tuple(ChainBreak.Kind.MODIFIED, "beta"));
    }

    @Test
    void aStreamForgedInPlaceOfTheLastCommit_isNamedAsAddedAndTheRealOneAsChanged() {
        Document last = commits.find(Filters.eq("streamKeys", "gamma#2")).first();
        commits.deleteOne(Filters.eq("_id", last.get("_id")));
        fixture.forgeSingleEventStream(last.getLong("_id"), "intruder");
        assertThat(engine.verifyStream("intruder").intact()).as("a well-forged stream chains").isTrue();
        assertThat(check(sealed).breaks()).extracting(ChainBreak::kind, ChainBreak::aggregateId).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(ChainBreak.Kind.HEAD_CHANGED, "gamma"),
                org.assertj.core.groups.Tuple.tuple(ChainBreak.Kind.STREAM_ADDED, "intruder"));
    }

    @Test
    void aWholeStreamRemoved_isNamed() {
        commits.deleteMany(Filters.in("streamKeys", "beta#0", "beta#1"));
        assertThat(check(sealed).breaks()).extracting(ChainBreak::kind, ChainBreak::aggregateId)
                .contains(org.assertj.core.groups.Tuple.tuple(ChainBreak.Kind.STREAM_REMOVED, "beta"));
    }

    @Test
    void theSignature_holdsOnlyForTheSignedFields_andTheTrustedKey() {
        assertThat(CheckpointSigner.holds(sealed, signer.publicKeyPem())).isTrue();
        Checkpoint moved = new Checkpoint(sealed.id(), sealed.position() + 1, sealed.sealedAt(), sealed.events(),
                sealed.streams(), sealed.headsDigest(), sealed.keyId(), sealed.publicKey(), sealed.signature(), sealed.heads(),
                READ_LOG, sealed.previous());
        assertThat(CheckpointSigner.holds(moved, signer.publicKeyPem())).isFalse();
        Checkpoint fewerHeads = new Checkpoint(sealed.id(), sealed.position(), sealed.sealedAt(), sealed.events(),
                sealed.streams(), sealed.headsDigest(), sealed.keyId(), sealed.publicKey(), sealed.signature(),
                sealed.heads().subList(1, sealed.heads().size()), READ_LOG, sealed.previous());
        assertThat(CheckpointSigner.holds(fewerHeads, signer.publicKeyPem())).isFalse();
        for (Checkpoint.LogHead otherLog : List.of(new Checkpoint.LogHead(6, READ_LOG.hash()),
                new Checkpoint.LogHead(7, "cd".repeat(32)))) {
            Checkpoint otherReadLog = new Checkpoint(sealed.id(), sealed.position(), sealed.sealedAt(), sealed.events(),
                    sealed.streams(), sealed.headsDigest(), sealed.keyId(), sealed.publicKey(), sealed.signature(),
                    sealed.heads(), otherLog, sealed.previous());
            assertThat(CheckpointSigner.holds(otherReadLog, signer.publicKeyPem())).as("read log %s", otherLog).isFalse();
        }
        String otherKey = CheckpointSigner.fromSeed(new SecureRandom().generateSeed(32)).publicKeyPem();
        assertThat(CheckpointSigner.holds(sealed, otherKey)).isFalse();
    }

    @Test
    void theArchive_storesAndReadsBackTheSameCheckpoint() {
        CheckpointArchive archive = new CheckpointArchive(temp.resolve("checkpoints"));
        assertThat(archive.ids()).isEmpty();
        archive.store(sealed);
        assertThat(archive.read(1)).contains(sealed);
        assertThat(archive.ids()).containsExactly(1L);
    }

    /** docs/audit-checkpoints.md, step 1: jq and openssl check the exported file against the trusted key. */
    @Test
    void theDocumentedSignatureCheck_acceptsTheExportAndRejectsAnEditedOne() throws Exception {
        Path export = Files.write(temp.resolve("checkpoint-1.json"), CheckpointArchive.toJson(sealed));
        Path trusted = Files.writeString(temp.resolve("register-checkpoints.pem"), signer.publicKeyPem());
        assertThat(runDocumentedCheck(export, trusted)).isEqualTo(0);

        String edited = Files.readString(export).replace("\"events\" : 12", "\"events\" : 11");
        assertThat(edited).isNotEqualTo(Files.readString(export));
        assertThat(runDocumentedCheck(Files.writeString(temp.resolve("edited.json"), edited), trusted)).isNotEqualTo(0);

        String otherReadLog = Files.readString(export).replace("\"sequence\" : 7", "\"sequence\" : 6");
        assertThat(otherReadLog).isNotEqualTo(Files.readString(export));
        assertThat(runDocumentedCheck(Files.writeString(temp.resolve("read-log.json"), otherReadLog), trusted))
                .as("the read log's sealed head is signed").isNotEqualTo(0);
    }

    /**
     * Checkpoints sealed before the read log was (format 1), and those a node sealed on its own before the register
     * kept one series (format 2), still check, with the same script.
     */
    @Test
    void theDocumentedSignatureCheck_acceptsTheFormatsBeforeTheSeries() throws Exception {
        Checkpoint withoutReadLog = signer.seal(2, engine.verifyStore(Long.MAX_VALUE, (position, last, events) -> {
        }), Instant.parse("2026-12-07T10:15:31Z"), null, null);
        assertThat(withoutReadLog.canonicalText()).startsWith(Checkpoint.FORMAT + "\n").doesNotContain("readLog");
        Checkpoint unchained = signer.seal(3, engine.verifyStore(Long.MAX_VALUE, (position, last, events) -> {
        }), Instant.parse("2026-12-07T10:15:32Z"), READ_LOG, null);
        assertThat(unchained.canonicalText()).startsWith(Checkpoint.FORMAT_WITH_READ_LOG + "\n")
                .contains("readLogHash=").doesNotContain("previous");
        Path trusted = Files.writeString(temp.resolve("register-checkpoints.pem"), signer.publicKeyPem());
        for (Checkpoint earlier : List.of(withoutReadLog, unchained)) {
            Path export = Files.write(temp.resolve("checkpoint-" + earlier.id() + ".json"),
                    CheckpointArchive.toJson(earlier));
            assertThat(runDocumentedCheck(export, trusted)).as("checkpoint %d", earlier.id()).isEqualTo(0);
        }
    }

    /**
     * docs/audit-checkpoints.md, step 1 with the checkpoint before: the script checks that a checkpoint names it, and
     * refuses one put in its place; the link is signed, so editing it breaks the signature.
     */
    @Test
    void theDocumentedChainCheck_acceptsTheCheckpointBefore_andNoOther() throws Exception {
        fixture.appendMore(engine);
        Checkpoint next = signer.seal(2, engine.verifyStore(Long.MAX_VALUE, (position, last, events) -> {
        }), Instant.parse("2026-12-07T11:15:30Z"), READ_LOG, sealed.chainHash());
        assertThat(sealed.canonicalText()).startsWith(Checkpoint.FORMAT_CHAINED + "\n")
                .endsWith("previous=" + Checkpoint.FIRST + "\n");
        Checkpoint replacement = signer.seal(1, engine.verifyStore(Long.MAX_VALUE, (position, last, events) -> {
        }), Instant.parse("2026-12-07T10:15:30Z"), READ_LOG, Checkpoint.FIRST);
        Path first = Files.write(temp.resolve("checkpoint-1.json"), CheckpointArchive.toJson(sealed));
        Path second = Files.write(temp.resolve("checkpoint-2.json"), CheckpointArchive.toJson(next));
        Path replaced = Files.write(temp.resolve("replaced-1.json"), CheckpointArchive.toJson(replacement));
        Path trusted = Files.writeString(temp.resolve("register-checkpoints.pem"), signer.publicKeyPem());

        assertThat(runDocumentedCheck(second, trusted, first)).isEqualTo(0);
        assertThat(runDocumentedCheck(second, trusted, replaced)).as("another checkpoint 1").isNotEqualTo(0);
        String relinked = Files.readString(second).replace(sealed.chainHash(), replacement.chainHash());
        assertThat(runDocumentedCheck(Files.writeString(temp.resolve("relinked.json"), relinked), trusted, replaced))
                .as("the link is signed").isNotEqualTo(0);
    }

    /**
     * docs/audit-checkpoints.md, step 2, in plain Java over the driver as the mongosh script there does it: every commit
     * at or below the position gives each stream's last sequence and hash; the sorted lines hash to the sealed digest.
     */
    @Test
    void theDocumentedHeadsWalk_givesTheSealedDigest() {
        fixture.appendMore(engine);
        Map<String, String> lineOfStream = new TreeMap<>();
        Map<String, Long> lastSeqOfStream = new TreeMap<>();
        for (Document commit : commits.find(Filters.lte("_id", sealed.position()))) {
            if (commit.containsKey("void")) {
                continue;
            }
            List<Document> parts = new ArrayList<>();
            if (commit.containsKey("streams")) {
                parts.addAll(commit.getList("streams", Document.class));
            } else if (commit.get("streamKeys") instanceof String key) {
                long lastSeq = commit.getList("events", Document.class).stream()
                        .filter(event -> event.getString("aggregateId") != null).mapToLong(event -> event.getLong("seq"))
                        .max().orElseThrow();
                parts.add(new Document("aggregateId", key.substring(0, key.lastIndexOf('#'))).append("lastSeq", lastSeq)
                        .append("hash", commit.getString("hash")));
            }
            for (Document part : parts) {
                String stream = part.getString("aggregateId");
                long lastSeq = part.getLong("lastSeq");
                if (lastSeq >= lastSeqOfStream.getOrDefault(stream, -1L)) {
                    lastSeqOfStream.put(stream, lastSeq);
                    lineOfStream.put(stream, stream + " " + lastSeq + " " + part.getString("hash") + "\n");
                }
            }
        }
        List<byte[]> lines = lineOfStream.values().stream().map(line -> line.getBytes(StandardCharsets.UTF_8))
                .sorted(java.util.Arrays::compareUnsigned).toList();
        assertThat(sha256(lines)).isEqualTo(sealed.headsDigest());
    }

    private CheckpointCheck.Outcome check(Checkpoint checkpoint) {
        StoreVerification.Result store = engine.verifyStore(checkpoint.position(), (position, last, events) -> {
        });
        return CheckpointCheck.compare(checkpoint, signer.publicKeyPem(), store);
    }

    private static int runDocumentedCheck(Path export, Path trusted, Path... before)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("../deploy/check-checkpoint-signature.sh", export.toString(),
                trusted.toString()));
        java.util.Arrays.stream(before).map(Path::toString).forEach(command::add);
        Process check = new ProcessBuilder(command).redirectErrorStream(true).start();
        check.getInputStream().transferTo(System.out);
        return check.waitFor();
    }

    private static String sha256(List<byte[]> lines) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            lines.forEach(digest::update);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
