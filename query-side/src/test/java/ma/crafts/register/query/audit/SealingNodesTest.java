package ma.crafts.register.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import ma.crafts.register.eventstore.StoreVerification;
import ma.crafts.register.eventstore.checkpoint.Checkpoint;
import ma.crafts.register.eventstore.checkpoint.CheckpointArchive;
import ma.crafts.register.eventstore.checkpoint.CheckpointChain;
import ma.crafts.register.eventstore.checkpoint.CheckpointRecords;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints are a register-wide fact: two query-side nodes on one database seal one series between them, one at a
 * time under the sealing lease, without a gap or a fork, and both list the same; the checkpoints a node sealed into
 * its own directory before are imported once, when they continue the series.
 */
class SealingNodesTest {
    private static final int ROUNDS = 8;
    private final AuditedStore store = new AuditedStore(40, 6);
    private final List<SealedCheckpoints> nodes = new ArrayList<>();

    @TempDir
    Path temp;

    @AfterEach
    void tearDown() {
        nodes.forEach(SealedCheckpoints::close);
        store.close();
    }

    /**
     * Both nodes are asked to seal at the same instant, round after round. Each seal reads the series' last checkpoint
     * before it verifies the whole store, so a lease that let both in would have both sign the same next id: one of
     * them would then fail to store it, and the series would not count two checkpoints a round.
     */
    @Test
    void twoNodesSealingAtOnce_makeOneSeries_withoutGapOrFork() throws Exception {
        SealedCheckpoints nodeA = node("node-a");
        SealedCheckpoints nodeB = node("node-b");
        CyclicBarrier together = new CyclicBarrier(2);
        List<Checkpoint> sealed = Collections.synchronizedList(new ArrayList<>());
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (SealedCheckpoints node : List.of(nodeA, nodeB)) {
                running.add(threads.submit(() -> {
                    for (int round = 0; round < ROUNDS; round++) {
                        together.await(30, TimeUnit.SECONDS);
                        sealed.add(node.seal());
                    }
                    return null;
                }));
            }
            for (Future<?> node : running) {
                node.get(2, TimeUnit.MINUTES);
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(sealed).extracting(Checkpoint::id).as("every seal got its own id")
                .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 2L * ROUNDS).boxed().toList());
        List<Checkpoint> series = nodeA.series();
        assertThat(series).extracting(Checkpoint::id).containsExactlyElementsOf(
                LongStream.rangeClosed(1, 2L * ROUNDS).boxed().toList());
        assertThat(CheckpointChain.firstBreak(series)).isEmpty();
        assertThat(nodeB.series()).as("the list is the same on every node").isEqualTo(series);
        assertThat(store.checkpoints.series()).isEqualTo(series);
        assertThat(nodeB.read(2L * ROUNDS)).isEqualTo(nodeA.read(2L * ROUNDS));
    }

    @Test
    void theSealingNode_keepsACopyInItsDirectory_andTheOtherListsIt() {
        SealedCheckpoints nodeA = node("node-a");
        SealedCheckpoints nodeB = node("node-b");
        Checkpoint first = nodeA.seal();
        Checkpoint second = nodeB.seal();
        assertThat(second.previous()).isEqualTo(first.chainHash());
        assertThat(new CheckpointArchive(temp.resolve("node-a")).read(1)).contains(first);
        assertThat(new CheckpointArchive(temp.resolve("node-b")).read(2)).contains(second);
        assertThat(nodeA.series()).extracting(Checkpoint::id).containsExactly(1L, 2L);
    }

    /**
     * A node that sealed on its own before (formats 1 and 2, no chain) brings its files into the empty series at
     * start-up; the next checkpoint names the last of them. A second node's own earlier series is not the register's:
     * its files stay files.
     */
    @Test
    void filesSealedByANodeOnItsOwn_areImportedOnce_andAnotherNodesSeriesIsNot() {
        List<Checkpoint> ownSeries = sealIntoDirectory("node-a", "2026-11-01T00:00:00Z", 3);
        List<Checkpoint> otherSeries = sealIntoDirectory("node-b", "2026-11-15T00:00:00Z", 2);

        SealedCheckpoints nodeA = node("node-a");
        assertThat(nodeA.series()).isEqualTo(withoutHeads(ownSeries));
        SealedCheckpoints nodeB = node("node-b");
        assertThat(nodeB.series()).as("node b's own series is not imported").isEqualTo(withoutHeads(ownSeries));
        assertThat(new CheckpointArchive(temp.resolve("node-b").resolve(SealedCheckpoints.NOT_IMPORTED)).read(1))
                .as("but kept aside").contains(otherSeries.get(0));
        assertThat(otherSeries.get(0).canonicalText()).isNotEqualTo(ownSeries.get(0).canonicalText());

        Checkpoint next = nodeB.seal();
        assertThat(next.id()).isEqualTo(4);
        assertThat(new CheckpointArchive(temp.resolve("node-b")).ids()).as("the copies of the series only")
                .containsExactly(4L);
        assertThat(next.previous()).isEqualTo(ownSeries.get(2).chainHash());
        assertThat(CheckpointChain.firstBreak(nodeA.series())).isEmpty();
        node("node-a");
        assertThat(nodeA.series()).as("imported once").hasSize(4);
    }

    /**
     * A restore of an older backup takes the latest checkpoints out of the database; the sealing node's copies bring
     * them back at its next start, so they still show what the restore lost.
     */
    @Test
    void checkpointsARestoreTookBack_areImportedFromTheCopies() {
        SealedCheckpoints nodeA = node("node-a");
        List<Checkpoint> sealed = List.of(nodeA.seal(), nodeA.seal(), nodeA.seal());
        store.mongo.database().getCollection(CheckpointRecords.CHECKPOINTS).deleteMany(Filters.in("_id", 2L, 3L));
        assertThat(nodeA.series()).hasSize(1);

        SealedCheckpoints restarted = node("node-a");
        assertThat(restarted.series()).isEqualTo(withoutHeads(sealed));
        assertThat(restarted.read(3)).contains(sealed.get(2));
    }

    private SealedCheckpoints node(String name) {
        SealedCheckpoints node = store.node(name, temp.resolve(name));
        nodes.add(node);
        return node;
    }

    /** Checkpoints of formats 1 and 2 as a node sealed them into its own directory before the series was shared. */
    private List<Checkpoint> sealIntoDirectory(String name, String from, int count) {
        CheckpointArchive directory = new CheckpointArchive(temp.resolve(name));
        StoreVerification.Result verified = store.engine.verifyStore(Long.MAX_VALUE, (position, last, events) -> {
        });
        List<Checkpoint> sealed = new ArrayList<>();
        for (long id = 1; id <= count; id++) {
            Checkpoint.LogHead readLog = id == 1 ? null : new Checkpoint.LogHead(0, Checkpoint.FIRST);
            Checkpoint checkpoint = AuditedStore.SIGNER.seal(id, verified, Instant.parse(from).plusSeconds(id), readLog,
                    null);
            directory.store(checkpoint);
            sealed.add(checkpoint);
        }
        return sealed;
    }

    private static List<Checkpoint> withoutHeads(List<Checkpoint> checkpoints) {
        return checkpoints.stream().map(checkpoint -> new Checkpoint(checkpoint.id(), checkpoint.position(),
                checkpoint.sealedAt(), checkpoint.events(), checkpoint.streams(), checkpoint.headsDigest(),
                checkpoint.keyId(), checkpoint.publicKey(), checkpoint.signature(), List.of(), checkpoint.readLog(),
                checkpoint.previous())).toList();
    }
}
