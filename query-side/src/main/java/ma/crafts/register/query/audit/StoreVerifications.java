package ma.crafts.register.query.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import ma.crafts.register.errors.NotFoundException;
import ma.crafts.register.eventstore.MongoEventStorageEngine;
import ma.crafts.register.eventstore.StoreVerification;
import ma.crafts.register.eventstore.checkpoint.Checkpoint;
import ma.crafts.register.eventstore.checkpoint.CheckpointCheck;
import ma.crafts.register.platform.lease.Lease;
import ma.crafts.register.query.audit.mongo.VerificationRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifications of the whole store, run one at a time on a background thread (a second request queues behind the
 * first), the newest {@link #KEPT} of them at hand in memory and every one recorded in the database
 * ({@link VerificationRecords}). Against a checkpoint, the run stops at the checkpoint's position and compares every
 * stream's head with the sealed one, and the personal-data read log with the head the checkpoint sealed of it. A
 * running verification keeps where it stands at most every {@code saveInterval}; a process that stops or dies in the
 * middle leaves it unfinished, and another carries it on from there instead of reading the store again from the start.
 *
 * <p>Each run is held under a {@link Lease} of its own, renewed while it runs or waits in the queue, so that of several
 * query nodes on one database exactly one carries a run on: every {@code lease.term()} a third, each node looks for
 * unfinished runs whose holder stopped (released at a clean stop, expired after a crash) and takes them over.
 */
public class StoreVerifications implements AutoCloseable {
    static final int KEPT = 50;
    private static final Logger log = LoggerFactory.getLogger(StoreVerifications.class);

    private final MongoEventStorageEngine engine;
    private final SealedCheckpoints checkpoints;
    private final VerificationRecords records;
    private final Lease lease;
    private final Duration saveInterval;
    private final Clock clock;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(daemon("store-verification"));
    private final ScheduledExecutorService adopter =
            Executors.newSingleThreadScheduledExecutor(daemon("store-verification-adopter"));
    /** The leases of this node's runs that have not finished, by run id. */
    private final Map<String, Lease.Held> held = new ConcurrentHashMap<>();
    private final Map<String, VerificationRun> runs = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, VerificationRun> eldest) {
            return size() > KEPT;
        }
    };
    /** Set once this process stops: a run interrupted then is left unfinished, not recorded as failed. */
    private volatile boolean closing;

    /**
     * @param lease this node's claim on the runs it carries on; a run whose holder stopped renewing is taken over
     *              once the term has run out
     */
    public StoreVerifications(MongoEventStorageEngine engine, SealedCheckpoints checkpoints,
                              VerificationRecords records, Lease lease, Duration saveInterval, Clock clock) {
        this.engine = engine;
        this.checkpoints = checkpoints;
        this.records = records;
        this.lease = lease;
        this.saveInterval = saveInterval;
        this.clock = clock;
        adoptAbandoned();
        long every = Math.max(1, lease.term().toMillis() / 3);
        adopter.scheduleWithFixedDelay(this::keepAndAdopt, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Queues a verification of the whole store, or of the store against checkpoint {@code checkpointId}.
     *
     * @throws NotFoundException for an unknown checkpoint
     */
    public VerificationRun start(Long checkpointId) {
        Optional<Checkpoint> against = Optional.ofNullable(checkpointId).map(this::checkpoint);
        VerificationRun run = new VerificationRun(UUID.randomUUID().toString(), clock.instant(), checkpointId);
        Lease.Held mine = lease.take(records.lease(run.id()), clock::instant);
        if (mine == null) {
            throw new IllegalStateException("The lease of the new run " + run.id() + " is held elsewhere");
        }
        held.put(run.id(), mine);
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

    /** Renews the leases of this node's runs, then takes over the runs whose holder stopped. */
    private void keepAndAdopt() {
        try {
            held.forEach((runId, mine) -> {
                if (!stillHeld(mine)) {
                    log.warn("Verification {}: another node took it over; this node leaves it", runId);
                    held.remove(runId);
                }
            });
            adoptAbandoned();
        } catch (RuntimeException e) {
            log.warn("Looking for abandoned verifications failed; trying again in {}", lease.term().dividedBy(3), e);
        }
    }

    private void adoptAbandoned() {
        for (VerificationRecords.Unfinished unfinished : records.unfinished()) {
            String runId = unfinished.shown().id();
            if (held.containsKey(runId)) {
                continue;
            }
            Lease.Held mine = lease.take(records.lease(runId), clock::instant);
            if (mine != null) {
                held.put(runId, mine);
                carryOn(unfinished);
            }
        }
    }

    /** The lease is renewed from the run's thread and the adopter's, and {@link Lease.Held} is not thread-safe. */
    private static boolean stillHeld(Lease.Held mine) {
        synchronized (mine) {
            return mine.stillHeld();
        }
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
            finished(run);
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
        Lease.Held mine = held.get(run.id());
        if (mine == null || !stillHeld(mine)) {
            log.info("Verification {} is carried on by another node", run.id());
            return;
        }
        try {
            Saving progress = new Saving(run, mine);
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
        } catch (LeaseLost lost) {
            log.warn("Verification {}: another node took it over; this node stops", run.id());
            held.remove(run.id());
            return;
        } catch (RuntimeException e) {
            if (closing) {
                log.info("Verification {} stopped with the process; another start carries it on", run.id());
                return;
            }
            log.error("Verification {} failed", run.id(), e);
            run.fail(e, clock.instant());
        }
        finished(run);
    }

    private void finished(VerificationRun run) {
        records.finished(run.progress());
        Lease.Held mine = held.remove(run.id());
        if (mine != null) {
            mine.release();
        }
    }

    /** Thrown into the verification when its lease went to another node, which carries the run on. */
    private static final class LeaseLost extends RuntimeException {
        LeaseLost() {
            super(null, null, false, false);
        }
    }

    /** Passes each window's progress to the run, and keeps where it stands at most every {@code saveInterval}. */
    private final class Saving implements StoreVerification.Progress {
        private final VerificationRun run;
        private final Lease.Held mine;
        private Instant nextSave;

        Saving(VerificationRun run, Lease.Held mine) {
            this.run = run;
            this.mine = mine;
            this.nextSave = clock.instant().plus(saveInterval);
        }

        @Override
        public void reached(long position, long lastPosition, long eventsChecked) {
            if (!stillHeld(mine)) {
                throw new LeaseLost();
            }
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

    /**
     * Stops the run in progress, waits a moment for it to let go of the store, and releases this node's unfinished
     * runs, so that another node carries them on without waiting for their leases to expire.
     */
    @Override
    public void close() {
        closing = true;
        adopter.shutdownNow();
        runner.shutdownNow();
        try {
            runner.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        held.values().forEach(Lease.Held::release);
        held.clear();
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
