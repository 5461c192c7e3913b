package ma.crafts.register.query.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import ma.crafts.register.errors.NotFoundException;
import ma.crafts.register.eventstore.MongoEventStorageEngine;
import ma.crafts.register.eventstore.StoreVerification;
import ma.crafts.register.eventstore.checkpoint.Checkpoint;
import ma.crafts.register.eventstore.checkpoint.CheckpointCheck;
import ma.crafts.register.query.audit.mongo.VerificationRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifications of the whole store, run one at a time on a background thread (a second request queues behind the
 * first), the newest {@link #KEPT} of them at hand in memory and every one recorded in the database
 * ({@link VerificationRecords}). Against a checkpoint, the run stops at the checkpoint's position and compares every
 * stream's head with the sealed one, and the personal-data read log with the head the checkpoint sealed of it. A running verification keeps where it stands at most every
 * {@code saveInterval}; a process that stops or dies in the middle leaves it unfinished, and the next one to start
 * carries it on from there instead of reading the store again from the start.
 */
public class StoreVerifications implements AutoCloseable {
    static final int KEPT = 50;
    private static final Logger log = LoggerFactory.getLogger(StoreVerifications.class);

    private final MongoEventStorageEngine engine;
    private final SealedCheckpoints checkpoints;
    private final VerificationRecords records;
    private final Duration saveInterval;
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
    /** Set once this process stops: a run interrupted then is left unfinished, not recorded as failed. */
    private volatile boolean closing;

    public StoreVerifications(MongoEventStorageEngine engine, SealedCheckpoints checkpoints,
                              VerificationRecords records, Duration saveInterval, Clock clock) {
        this.engine = engine;
        this.checkpoints = checkpoints;
        this.records = records;
        this.saveInterval = saveInterval;
        this.clock = clock;
        records.unfinished().forEach(this::carryOn);
    }

    /**
     * Queues a verification of the whole store, or of the store against checkpoint {@code checkpointId}.
     *
     * @throws NotFoundException for an unknown checkpoint
     */
    public VerificationRun start(Long checkpointId) {
        Optional<Checkpoint> against = Optional.ofNullable(checkpointId).map(this::checkpoint);
        VerificationRun run = new VerificationRun(UUID.randomUUID().toString(), clock.instant(), checkpointId);
        records.started(run.progress());
        queue(run, against, Optional.empty());
        return run;
    }

    public VerificationRun.Progress progress(String id) {
        synchronized (runs) {
            VerificationRun run = runs.get(id);
            if (run != null) {
                return run.progress();
            }
        }
        return records.shown(id).orElseThrow(() -> new NotFoundException("No verification " + id));
    }

    private Checkpoint checkpoint(long id) {
        return checkpoints.read(id).orElseThrow(() -> new NotFoundException("No checkpoint " + id));
    }

    private void carryOn(VerificationRecords.Unfinished unfinished) {
        VerificationRun run = new VerificationRun(unfinished.shown(),
                unfinished.resumption().map(state -> state.nextWindow() - 1).orElse(null));
        try {
            Optional<Checkpoint> against = Optional.ofNullable(run.progress().checkpointId()).map(this::checkpoint);
            log.info("Carrying on verification {} from position {}", run.id(), run.progress().resumedAfter());
            queue(run, against, unfinished.resumption());
        } catch (NotFoundException checkpointGone) {
            run.fail(checkpointGone, clock.instant());
            records.finished(run.progress());
        }
    }

    private void queue(VerificationRun run, Optional<Checkpoint> against,
                       Optional<StoreVerification.Resumption> from) {
        synchronized (runs) {
            runs.put(run.id(), run);
        }
        runner.execute(() -> verify(run, against, from));
    }

    private void verify(VerificationRun run, Optional<Checkpoint> against,
                        Optional<StoreVerification.Resumption> from) {
        try {
            Saving progress = new Saving(run);
            StoreVerification.Result store = from.isPresent()
                    ? engine.resumeStoreVerification(from.get(), progress)
                    : engine.verifyStore(against.map(Checkpoint::position).orElse(Long.MAX_VALUE), progress);
            Instant finished = clock.instant();
            if (against.isPresent()) {
                run.finish(CheckpointCheck.compare(against.get(), checkpoints.publicKeyPem(), store),
                        checkpoints.readLogBreak(against.get()), finished);
            } else {
                run.finish(store, finished);
            }
        } catch (RuntimeException e) {
            if (closing) {
                log.info("Verification {} stopped with the process; the next start carries it on", run.id());
                return;
            }
            log.error("Verification {} failed", run.id(), e);
            run.fail(e, clock.instant());
        }
        records.finished(run.progress());
    }

    /** Passes each window's progress to the run, and keeps where it stands at most every {@code saveInterval}. */
    private final class Saving implements StoreVerification.Progress {
        private final VerificationRun run;
        private Instant nextSave;

        Saving(VerificationRun run) {
            this.run = run;
            this.nextSave = clock.instant().plus(saveInterval);
        }

        @Override
        public void reached(long position, long lastPosition, long eventsChecked) {
            run.reached(position, lastPosition, eventsChecked);
        }

        @Override
        public boolean wantsResumption() {
            return !clock.instant().isBefore(nextSave);
        }

        @Override
        public void resumable(StoreVerification.Resumption state) {
            records.reached(run.progress(), state);
            nextSave = clock.instant().plus(saveInterval);
        }
    }

    /** Stops the run in progress, leaving it to the next start, and waits a moment for it to let go of the store. */
    @Override
    public void close() {
        closing = true;
        runner.shutdownNow();
        try {
            runner.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
