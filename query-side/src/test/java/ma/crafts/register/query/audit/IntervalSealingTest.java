package ma.crafts.register.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.LongStream;
import ma.crafts.register.eventstore.MongoEventStorageEngine;
import ma.crafts.register.eventstore.checkpoint.Checkpoint;
import ma.crafts.register.eventstore.checkpoint.CheckpointArchive;
import ma.crafts.register.eventstore.checkpoint.CheckpointChain;
import ma.crafts.register.eventstore.checkpoint.CheckpointSigner;
import ma.crafts.register.query.QuerySideApplication;
import ma.crafts.register.query.readlog.PersonalDataReadLog;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Checkpoints sealed at the configured interval, with no one asking: the register seals a chained series as the store
 * moves on, and a second node sealing at the same interval under the same lease takes its turns in that series instead
 * of starting one of its own, and does not seal again what the other node just sealed.
 */
@SpringBootTest(classes = QuerySideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"register.mongodb.embedded.backend=memory", "register.mongodb.embedded.port=0",
                "register.audit.checkpoint-interval=" + IntervalSealingTest.INTERVAL_MILLIS + "ms"})
class IntervalSealingTest {
    static final long INTERVAL_MILLIS = 200;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Path SCRATCH = ScratchDirectories.create("interval-sealing-test");
    private static final String OTHER_NODES_CHECKPOINTS = "other-node-checkpoints";

    @DynamicPropertySource
    static void directories(DynamicPropertyRegistry registry) {
        ScratchDirectories.register(registry, SCRATCH);
    }

    @Autowired
    EventStore eventStore;
    @Autowired
    SealedCheckpoints checkpoints;
    @Autowired
    MongoEventStorageEngine engine;
    @Autowired
    PersonalDataReadLog readLog;
    @Autowired
    CheckpointSigner signer;
    @Autowired
    MongoDatabase database;

    @Test
    void theRegisterSealsAChainedSeriesOnItsOwn_andASecondNodeSealsIntoIt() throws InterruptedException {
        String artisan = "a-" + UUID.randomUUID();
        append(artisan, 0);
        Checkpoint first = awaitCheckpointCovering(headPosition());
        append(artisan, 1);
        Checkpoint second = awaitCheckpointCovering(headPosition());
        assertThat(second.id()).isGreaterThan(first.id());
        List<Checkpoint> sealedAlone = checkpoints.series();
        assertThat(sealedAlone).as("sealed on its own").hasSizeGreaterThanOrEqualTo(2);
        assertThat(CheckpointChain.firstBreak(sealedAlone)).as("chained").isEmpty();

        CheckpointArchive otherNodesCopies = new CheckpointArchive(SCRATCH.resolve(OTHER_NODES_CHECKPOINTS));
        try (SealedCheckpoints otherNode = new AuditConfiguration().auditSealedCheckpoints(engine, readLog, signer,
                otherNodesCopies, database, Duration.ofMillis(INTERVAL_MILLIS), Duration.ofSeconds(60))) {
            // Whichever node's turn comes first after a change seals it: changes go on until both nodes have sealed,
            // which took up to 38 s on a loaded machine, so the other node is given longer than one checkpoint.
            Instant giveUp = Instant.now().plus(WAIT.multipliedBy(4));
            for (int sequence = 2; sequence < 5 || otherNodesCopies.ids().isEmpty(); sequence++) {
                assertThat(Instant.now()).as("the other node sealed at its interval too").isBefore(giveUp);
                append(artisan, sequence);
                awaitCheckpointCovering(headPosition());
            }
            long head = headPosition();
            Thread.sleep(5 * INTERVAL_MILLIS);

            List<Checkpoint> series = checkpoints.series();
            assertThat(otherNode.series()).as("one series, listed alike on both nodes").isEqualTo(series);
            assertThat(series).extracting(Checkpoint::id).as("no gap, no id sealed twice")
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, series.size()).boxed().toList());
            assertThat(CheckpointChain.firstBreak(series)).isEmpty();
            assertThat(series).extracting(Checkpoint::position).as("no node seals again what the other just sealed")
                    .isSorted().doesNotHaveDuplicates();
            assertThat(series.get(series.size() - 1).position()).isEqualTo(head);
            assertThat(new CheckpointArchive(SCRATCH.resolve(ScratchDirectories.CHECKPOINTS)).ids().size()
                    + otherNodesCopies.ids().size())
                    .as("each checkpoint's copy written once, by the node that sealed it").isEqualTo(series.size());
        }
    }

    private Checkpoint awaitCheckpointCovering(long position) throws InterruptedException {
        return await(series -> !series.isEmpty() && series.get(series.size() - 1).position() >= position);
    }

    private Checkpoint await(Predicate<List<Checkpoint>> sealed) throws InterruptedException {
        Instant giveUp = Instant.now().plus(WAIT);
        List<Checkpoint> series = checkpoints.series();
        while (!sealed.test(series)) {
            assertThat(Instant.now()).as("a checkpoint sealed at the interval; the series: " + series)
                    .isBefore(giveUp);
            Thread.sleep(INTERVAL_MILLIS / 4);
            series = checkpoints.series();
        }
        return series.get(series.size() - 1);
    }

    private long headPosition() {
        return engine.createHeadToken().position().orElseThrow();
    }

    private void append(String id, int sequence) {
        eventStore.publish(new GenericDomainEventMessage<>("Artisan", id, sequence,
                new AuditedStore.Recorded(id, sequence), Map.of("recordedBy", "clerk-07", "chamber", "MA-07")));
    }
}
