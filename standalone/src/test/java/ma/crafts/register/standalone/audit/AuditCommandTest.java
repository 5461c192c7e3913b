package ma.crafts.register.standalone.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import ma.crafts.register.eventstore.MongoEventStorageEngine;
import ma.crafts.register.eventstore.StoreAudit;
import ma.crafts.register.eventstore.checkpoint.Checkpoint;
import ma.crafts.register.eventstore.checkpoint.CheckpointArchive;
import ma.crafts.register.eventstore.checkpoint.CheckpointRecords;
import ma.crafts.register.eventstore.checkpoint.CheckpointSigner;
import ma.crafts.register.platform.PlatformProperties.EmbeddedBackend;
import ma.crafts.register.platform.mongo.EmbeddedMongoServer;
import ma.crafts.register.query.readlog.PersonalDataRead;
import ma.crafts.register.query.readlog.ReadLogChain;
import ma.crafts.register.query.readlog.mongo.ReadLogRecords;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The auditor's command line on an embedded data directory written by the event store, as a stopped register leaves
 * it: it verifies, exports and checks a checkpoint, prints a history as of an instant, names what was edited by hand,
 * and leaves the data file byte for byte as it found it.
 */
class AuditCommandTest {
    @TempDir
    Path temp;
    private Path dataDir;
    private CheckpointSigner signer;
    private Path publicKey;

    record Recorded(String actorId, int number) {
    }

    @BeforeEach
    void aStoppedRegistersDataDirectoryWithACheckpoint() throws IOException {
        dataDir = temp.resolve("data");
        signer = CheckpointSigner.fromSeed(new SecureRandom().generateSeed(32));
        publicKey = Files.writeString(temp.resolve("register.pem"), signer.publicKeyPem());
        onTheStore(database -> {
            MongoEventStorageEngine engine = MongoEventStorageEngine.builder().database(database)
                    .eventSerializer(JacksonSerializer.defaultSerializer())
                    .snapshotSerializer(JacksonSerializer.defaultSerializer()).build();
            for (int sequence = 0; sequence < 3; sequence++) {
                append(engine, "a-1", sequence, "2025-0" + (sequence + 1) + "-01T09:00:00Z");
                append(engine, "c-1", sequence, "2025-0" + (sequence + 1) + "-02T09:00:00Z");
            }
            new CheckpointRecords(database).append(signer.seal(1,
                    StoreAudit.readOnly(database).verifyStore(Long.MAX_VALUE, (p, l, e) -> {
                    }), Instant.parse("2025-04-01T00:00:00Z"), logTwoReads(database), Checkpoint.FIRST));
        });
    }

    @Test
    void anUntouchedStore_verifiesWithProgress_andTheDataFileIsLeftAsItWas() throws Exception {
        String before = sha256(dataDir.resolve(EmbeddedMongoServer.DATA_FILE_NAME));
        Run whole = run("--data-dir", dataDir.toString(), "verify");
        assertThat(whole.status).as(whole.err).isEqualTo(0);
        assertThat(whole.out).contains("store: VALID, 6 events in 6 commits over 2 streams");
        assertThat(whole.err).contains("verified 6 events");

        Run one = run("--data-dir", dataDir.toString(), "verify", "a-1");
        assertThat(one.status).isEqualTo(0);
        assertThat(one.out).startsWith("a-1: VALID, 3 events");
        assertThat(sha256(dataDir.resolve(EmbeddedMongoServer.DATA_FILE_NAME))).isEqualTo(before);
    }

    @Test
    void aCheckpoint_isExportedAndTheStoreHoldsAgainstIt() {
        Path exported = temp.resolve("kept-elsewhere.json");
        Run export = run("--data-dir", dataDir.toString(), "checkpoint", "export", "-o", exported.toString());
        assertThat(export.status).as(export.err).isEqualTo(0);
        assertThat(CheckpointArchive.readFile(exported).id()).isEqualTo(1);

        Run check = run("--data-dir", dataDir.toString(), "checkpoint", "verify", exported.toString(),
                "--public-key", publicKey.toString());
        assertThat(check.status).as(check.out + check.err).isEqualTo(0);
        assertThat(check.out).contains("HOLDS; signature holds", "read log: HOLDS up to record 2",
                "series: HOLDS, 1 checkpoints chained");
    }

    /**
     * The register's series, read from the database, names a checkpoint removed from it: in the middle, by the chain;
     * the latest, against the file the auditor kept.
     */
    @Test
    void aCheckpointRemovedFromTheRegistersSeries_isNamed() {
        onTheStore(database -> {
            CheckpointRecords records = new CheckpointRecords(database);
            Checkpoint first = records.read(1).orElseThrow();
            Checkpoint second = signer.seal(2, StoreAudit.readOnly(database).verifyStore(Long.MAX_VALUE, (p, l, e) -> {
            }), Instant.parse("2025-04-02T00:00:00Z"), first.readLog(), first.chainHash());
            records.append(second);
            records.append(signer.seal(3, StoreAudit.readOnly(database).verifyStore(Long.MAX_VALUE, (p, l, e) -> {
            }), Instant.parse("2025-04-03T00:00:00Z"), first.readLog(), second.chainHash()));
        });
        Path newest = temp.resolve("newest.json");
        assertThat(run("--data-dir", dataDir.toString(), "checkpoint", "export", "-o", newest.toString()).status)
                .isEqualTo(0);
        Path oldest = temp.resolve("oldest.json");
        assertThat(run("--data-dir", dataDir.toString(), "checkpoint", "export", "1", "-o", oldest.toString()).status)
                .isEqualTo(0);
        assertThat(CheckpointArchive.readFile(newest).id()).isEqualTo(3);

        onTheStore(database -> database.getCollection(CheckpointRecords.CHECKPOINTS).deleteOne(Filters.eq("_id", 2L)));
        Run middle = run("--data-dir", dataDir.toString(), "checkpoint", "verify", oldest.toString(),
                "--public-key", publicKey.toString());
        assertThat(middle.status).as(middle.out + middle.err).isEqualTo(1);
        assertThat(middle.out).contains("read log: HOLDS", "series: BROKEN; checkpoint 2 is missing");

        onTheStore(database -> database.getCollection(CheckpointRecords.CHECKPOINTS).deleteOne(Filters.eq("_id", 3L)));
        Run latest = run("--data-dir", dataDir.toString(), "checkpoint", "verify", newest.toString(),
                "--public-key", publicKey.toString());
        assertThat(latest.status).as(latest.out + latest.err).isEqualTo(1);
        assertThat(latest.out).contains("series: BROKEN; the register holds no checkpoint 3");
    }

    @Test
    void aReadLogRecordRemoved_isNamedAgainstTheCheckpoint() {
        Path exported = temp.resolve("kept-elsewhere.json");
        run("--data-dir", dataDir.toString(), "checkpoint", "export", "-o", exported.toString());
        onTheStore(database -> database.getCollection(ReadLogRecords.COLLECTION).deleteOne(Filters.eq("_id", 2L)));
        Run check = run("--data-dir", dataDir.toString(), "checkpoint", "verify", exported.toString(),
                "--public-key", publicKey.toString());
        assertThat(check.status).as(check.out + check.err).isEqualTo(1);
        assertThat(check.out).contains("HOLDS; signature holds", "read log: BROKEN up to record 2; READ_LOG_CHANGED");
    }

    /** Two records of the personal-data read log, chained as the register writes them; the head to seal. */
    private static Checkpoint.LogHead logTwoReads(MongoDatabase database) {
        ReadLogRecords records = new ReadLogRecords(database);
        String previous = ReadLogChain.GENESIS;
        for (long sequence = 1; sequence <= 2; sequence++) {
            PersonalDataRead unhashed = new PersonalDataRead(sequence, Instant.parse("2025-03-0" + sequence + "T10:00:00Z"),
                    "auditor-1", List.of("AUDITOR"), "a-1", List.of("cin"), "trace-" + sequence,
                    "GET /api/v1/artisans/a-1", previous, null);
            String hash = ReadLogChain.hash(unhashed);
            records.insert(new PersonalDataRead(unhashed.sequence(), unhashed.readAt(), unhashed.subject(),
                    unhashed.roles(), unhashed.actorId(), unhashed.fields(), unhashed.traceId(), unhashed.request(),
                    previous, hash));
            previous = hash;
        }
        return new Checkpoint.LogHead(2, previous);
    }

    @Test
    void theLatestCommitOfAStream_removed_isNamedAgainstTheCheckpoint_andAModifiedEventByVerify() {
        Path exported = temp.resolve("kept-elsewhere.json");
        run("--data-dir", dataDir.toString(), "checkpoint", "export", "-o", exported.toString());
        onTheStore(database -> {
            database.getCollection("commits").deleteOne(Filters.eq("streamKeys", "c-1#2"));
            database.getCollection("commits").updateOne(Filters.eq("streamKeys", "a-1#1"),
                    Updates.set("events.0.payload.number", 7));
        });

        Run check = run("--data-dir", dataDir.toString(), "checkpoint", "verify", exported.toString(),
                "--public-key", publicKey.toString());
        assertThat(check.status).isEqualTo(1);
        assertThat(check.out).contains("HEAD_CHANGED c-1", "MODIFIED a-1");

        Run verify = run("--data-dir", dataDir.toString(), "verify", "a-1");
        assertThat(verify.status).isEqualTo(1);
        assertThat(verify.out).contains("a-1: BROKEN", "MODIFIED a-1");
    }

    @Test
    void history_asOfAnInstant_listsTheEventsRecordedByThen() {
        Run history = run("--data-dir", dataDir.toString(), "history", "a-1", "--as-of=2025-02-15T00:00:00Z");
        assertThat(history.status).as(history.err).isEqualTo(0);
        assertThat(history.out.lines()).hasSize(2).allMatch(line -> line.contains("\"recordedBy\":\"auditor-test\""));
        assertThat(run("--data-dir", dataDir.toString(), "history", "a-1", "--as-of=yesterday").status).isEqualTo(2);
    }

    @Test
    void aNegativeProgressInterval_isAUsageError() {
        Run refused = run("--data-dir", dataDir.toString(), "--progress-every=-PT1S", "verify");
        assertThat(refused.status).isEqualTo(2);
        assertThat(refused.err).contains("--progress-every must not be negative");
    }

    @Test
    void mongodbUri_isReadInsteadOfTheDataDirectory() {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(EmbeddedBackend.MEMORY, 0, temp.resolve("unused"))) {
            Run empty = run("--mongodb-uri", server.connectionString(), "verify");
            assertThat(empty.status).isEqualTo(0);
            assertThat(empty.out).contains("store: VALID, 0 events");
        }
    }

    /**
     * A run over several of the verification's windows (1,000 positions each), its standard error not a terminal and
     * the interval down to nothing: each window's progress comes as a line of its own, not rewritten in place, and the
     * verdict alone goes to standard output.
     */
    @Test
    void aLongRun_reportsItsProgressLineByLineOnStandardError_andItsVerdictOnStandardOutput() {
        int streams = 50;
        int eventsPerStream = 50;
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(EmbeddedBackend.MEMORY, 0, temp.resolve("unused"));
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoEventStorageEngine engine = MongoEventStorageEngine.builder()
                    .database(client.getDatabase("register")).eventSerializer(JacksonSerializer.defaultSerializer())
                    .snapshotSerializer(JacksonSerializer.defaultSerializer()).build();
            for (int stream = 0; stream < streams; stream++) {
                String id = "a-" + stream;
                engine.appendEvents(IntStream.range(0, eventsPerStream).<EventMessage<?>>mapToObj(sequence ->
                        new GenericDomainEventMessage<>("Artisan", id, sequence, new Recorded(id, sequence))).toList());
            }

            Run whole = run("--mongodb-uri", server.connectionString(), "--progress-every", "PT0S", "verify");
            assertThat(whole.status).as(whole.err).isEqualTo(0);
            assertThat(whole.out.lines()).as("the verdict alone").singleElement().asString()
                    .matches("store: VALID, 2500 events in 50 commits over 50 streams up to position \\d+, 0 breaks");
            List<String> progress = whole.err.lines().filter(line -> line.startsWith("verified position")).toList();
            assertThat(progress).as(whole.err).hasSizeGreaterThanOrEqualTo(3).allMatch(line -> line.matches(
                    "verified position \\d+ of \\d+ \\(\\d+%\\), \\d+ events, \\d+ events/s"));
            assertThat(progress.get(progress.size() - 1)).contains("(100%), 2500 events");
            assertThat(whole.err).doesNotContain("\r").contains("verified 2500 events in");
        }
    }

    @Test
    void aDirectoryWithoutAStore_isRefusedWithoutCreatingOne() {
        Path elsewhere = temp.resolve("not-a-register");
        Run refused = run("--data-dir", elsewhere.toString(), "verify");
        assertThat(refused.status).isEqualTo(3);
        assertThat(elsewhere).doesNotExist();
    }

    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = AuditCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(status, out.toString(), err.toString());
    }

    /** Writes through a register's own embedded server on the data directory, then closes it as a register stops. */
    private void onTheStore(Consumer<MongoDatabase> writes) {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(EmbeddedBackend.H2, 0, dataDir);
             MongoClient client = MongoClients.create(server.connectionString())) {
            writes.accept(client.getDatabase("register"));
        }
    }

    private static void append(MongoEventStorageEngine engine, String id, int sequence, String at) {
        engine.appendEvents(List.of(new GenericDomainEventMessage<>("Artisan", id, sequence, new Recorded(id, sequence),
                MetaData.with("recordedBy", "auditor-test"), id + "-" + sequence, Instant.parse(at))));
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
