package ma.crafts.register.query.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import ma.crafts.register.errors.NotFoundException;
import ma.crafts.register.eventstore.MongoEventStorageEngine;
import ma.crafts.register.eventstore.StoreVerification;
import ma.crafts.register.eventstore.checkpoint.Checkpoint;
import ma.crafts.register.eventstore.checkpoint.CheckpointCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifications of the whole store, run one at a time on a background thread (a second request queues behind the
 * first) and kept in memory with their progress: the newest {@link #KEPT} of them. Against a checkpoint, the run stops
 * at the checkpoint's position and compares every stream's head with the sealed one.
 */
public class StoreVerifications implements AutoCloseable {
    static final int KEPT = 50;
    private static final Logger log = LoggerFactory.getLogger(StoreVerifications.class);

    private final MongoEventStorageEngine engine;
    private final SealedCheckpoints checkpoints;
    private final Clock clock;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "store-verification");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, VerificationRun> runs = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, VerificationRun> eldest) {
            return size() > KEPT;
        }
    };

    public StoreVerifications(MongoEventStorageEngine engine, SealedCheckpoints checkpoints, Clock clock) {
        this.engine = engine;
        this.checkpoints = checkpoints;
        this.clock = clock;
    }

    /**
     * Queues a verification of the whole store, or of the store against checkpoint {@code checkpointId}.
     *
     * @throws NotFoundException for an unknown checkpoint
     */
    public VerificationRun start(Long checkpointId) {
        Optional<Checkpoint> against = Optional.ofNullable(checkpointId).map(id -> checkpoints.read(id)
                .orElseThrow(() -> new NotFoundException("No checkpoint " + id)));
        VerificationRun run = new VerificationRun(UUID.randomUUID().toString(), clock.instant(), checkpointId);
        synchronized (runs) {
            runs.put(run.id(), run);
        }
        runner.execute(() -> verify(run, against));
        return run;
    }

    public VerificationRun get(String id) {
        synchronized (runs) {
            VerificationRun run = runs.get(id);
            if (run == null) {
                throw new NotFoundException("No verification " + id);
            }
            return run;
        }
    }

    private void verify(VerificationRun run, Optional<Checkpoint> against) {
        try {
            long upTo = against.map(Checkpoint::position).orElse(Long.MAX_VALUE);
            StoreVerification.Result store = engine.verifyStore(upTo, run::reached);
            Instant finished = clock.instant();
            if (against.isPresent()) {
                run.finish(CheckpointCheck.compare(against.get(), checkpoints.publicKeyPem(), store), finished);
            } else {
                run.finish(store, finished);
            }
        } catch (RuntimeException e) {
            log.error("Verification {} failed", run.id(), e);
            run.fail(e, clock.instant());
        }
    }

    @Override
    public void close() {
        runner.shutdownNow();
    }
}
