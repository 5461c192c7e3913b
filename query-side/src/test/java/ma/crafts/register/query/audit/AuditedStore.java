package ma.crafts.register.query.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import ma.crafts.register.eventstore.MongoEventStorageEngine;
import ma.crafts.register.eventstore.checkpoint.CheckpointArchive;
import ma.crafts.register.eventstore.checkpoint.CheckpointRecords;
import ma.crafts.register.eventstore.checkpoint.CheckpointSigner;
import ma.crafts.register.platform.lease.Lease;
import ma.crafts.register.platform.lease.LeaseDocument;
import ma.crafts.register.platform.security.CurrentActor;
import ma.crafts.register.query.readlog.PersonalDataReadLog;
import ma.crafts.register.query.readlog.mongo.ReadLogRecords;
import ma.crafts.register.query.support.InMemoryMongo;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * An event store on an embedded MongoDB with streams of three-event commits, its personal-data read log and its
 * checkpoints (sealed on demand only), for tests of verification and sealing without the web application.
 */
final class AuditedStore implements AutoCloseable {
    static final int EVENTS_PER_COMMIT = 3;
    /** The key every node of the register signs with. */
    static final CheckpointSigner SIGNER = CheckpointSigner.fromSeed(new byte[32]);
    private static final JacksonSerializer SERIALIZER = JacksonSerializer.builder()
            .objectMapper(new ObjectMapper().findAndRegisterModules()).build();

    /** A payload no projection handles: the store verifies events whatever they say. */
    record Recorded(String actorId, int number) {
    }

    final InMemoryMongo mongo = new InMemoryMongo();
    final MongoEventStorageEngine engine;
    final PersonalDataReadLog readLog;
    final SealedCheckpoints checkpoints;

    /** Streams {@code a-0} to {@code a-<streams - 1>}, each of {@code eventsPerStream} events, their commits interleaved. */
    AuditedStore(int streams, int eventsPerStream) {
        engine = MongoEventStorageEngine.builder().database(mongo.database()).eventSerializer(SERIALIZER)
                .snapshotSerializer(SERIALIZER).build();
        for (int first = 0; first < eventsPerStream; first += EVENTS_PER_COMMIT) {
            for (int stream = 0; stream < streams; stream++) {
                List<EventMessage<?>> commit = new ArrayList<>();
                for (int n = first; n < first + EVENTS_PER_COMMIT; n++) {
                    commit.add(new GenericDomainEventMessage<>("Artisan", "a-" + stream, n,
                            new Recorded("a-" + stream, n), Map.of("recordedBy", "clerk-07")));
                }
                engine.appendEvents(commit);
            }
        }
        readLog = new PersonalDataReadLog(new ReadLogRecords(mongo.database()), new CurrentActor(), Clock.systemUTC());
        try {
            checkpoints = node("audited-store", Files.createTempDirectory("audited-store-checkpoints"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Another query-side process on the same database, as far as checkpoints go: its own engine, read log and lease
     * holder, the same signing key (mounted on every node), its own checkpoint directory; sealing on demand only.
     */
    SealedCheckpoints node(String holder, Path checkpointDir) {
        MongoEventStorageEngine ownEngine = MongoEventStorageEngine.builder().database(mongo.database())
                .eventSerializer(SERIALIZER).snapshotSerializer(SERIALIZER).build();
        return new SealedCheckpoints(ownEngine, new PersonalDataReadLog(new ReadLogRecords(mongo.database()),
                new CurrentActor(), Clock.systemUTC()), SIGNER, new CheckpointRecords(mongo.database()),
                new CheckpointArchive(checkpointDir), new Lease(holder, Duration.ofSeconds(60)),
                new LeaseDocument(mongo.database().getCollection(AuditConfiguration.SEALING_LEASE),
                        AuditConfiguration.SEALING_LEASE),
                Clock.systemUTC(), Duration.ZERO);
    }

    @Override
    public void close() {
        checkpoints.close();
        mongo.close();
    }
}
