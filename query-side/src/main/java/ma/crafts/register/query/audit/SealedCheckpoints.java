package ma.crafts.register.query.audit;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import ma.crafts.register.errors.RuleViolationException;
import ma.crafts.register.eventstore.ChainBreak;
import ma.crafts.register.eventstore.MongoEventStorageEngine;
import ma.crafts.register.eventstore.StoreVerification;
import ma.crafts.register.eventstore.StreamHeads;
import ma.crafts.register.eventstore.checkpoint.Checkpoint;
import ma.crafts.register.eventstore.checkpoint.CheckpointArchive;
import ma.crafts.register.eventstore.checkpoint.CheckpointSigner;
import ma.crafts.register.query.readlog.PersonalDataReadLog;
import ma.crafts.register.query.readlog.ReadLogVerification;
import org.axonframework.eventhandling.TrackingToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seals checkpoints on demand and at an interval, and keeps the newest one's heads at hand for verifying one stream.
 * A checkpoint seals the personal-data read log's last record beside every stream's head, so that a record of who read
 * whose data cannot be removed or altered unseen either. A checkpoint vouches for what it seals, so a store or a read
 * log that does not verify is not sealed: the seal is refused (and at an interval, logged as an error) until someone
 * has looked at the break.
 */
public class SealedCheckpoints implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SealedCheckpoints.class);

    private final MongoEventStorageEngine engine;
    private final PersonalDataReadLog readLog;
    private final CheckpointSigner signer;
    private final CheckpointArchive archive;
    private final Clock clock;
    private final ScheduledExecutorService schedule;
    private Checkpoint newest;
    private Map<String, StreamHeads.Head> newestHeads = Map.of();

    public SealedCheckpoints(MongoEventStorageEngine engine, PersonalDataReadLog readLog, CheckpointSigner signer,
                             CheckpointArchive archive, Clock clock, Duration interval) {
        this.engine = engine;
        this.readLog = readLog;
        this.signer = signer;
        this.archive = archive;
        this.clock = clock;
        if (interval.isZero() || interval.isNegative()) {
            this.schedule = null;
        } else {
            this.schedule = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "checkpoint-sealer");
                thread.setDaemon(true);
                return thread;
            });
            schedule.scheduleWithFixedDelay(this::sealIfChanged, interval.toMillis(), interval.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Verifies the whole store and the read log, and seals what they hold.
     *
     * @throws RuleViolationException when the store or the read log does not verify
     */
    public synchronized Checkpoint seal() {
        StoreVerification.Result store = engine.verifyStore(Long.MAX_VALUE, (position, last, events) -> {
        });
        if (!store.valid()) {
            ChainBreak first = store.breaks().get(0);
            throw new RuleViolationException("store-does-not-verify", "The store does not verify (" + store.breakCount()
                    + " breaks, the first: " + first.detail() + "), so it is not sealed");
        }
        ReadLogVerification reads = readLog.verify();
        if (!reads.valid()) {
            throw new RuleViolationException("read-log-does-not-verify", "The personal-data read log does not verify "
                    + "(the first broken record: " + reads.firstBrokenLink() + "), so the register is not sealed");
        }
        Checkpoint sealed = signer.seal(archive.nextId(), store, clock.instant(),
                new Checkpoint.LogHead(reads.records(), reads.headHash()));
        archive.store(sealed);
        remember(sealed);
        log.info("Sealed checkpoint {} at position {} over {} streams", sealed.id(), sealed.position(), sealed.streams());
        return sealed;
    }

    public List<Long> ids() {
        return archive.ids();
    }

    public Optional<Checkpoint> read(long id) {
        return archive.read(id);
    }

    public String publicKeyPem() {
        return signer.publicKeyPem();
    }

    /** The stream's head in the newest checkpoint, with that checkpoint's id; empty when none sealed the stream. */
    public synchronized Optional<SealedHead> newestHeadOf(String aggregateId) {
        Optional<Checkpoint> latest = archive.latest();
        if (latest.isEmpty()) {
            return Optional.empty();
        }
        if (newest == null || newest.id() != latest.get().id()) {
            remember(latest.get());
        }
        return Optional.ofNullable(newestHeads.get(aggregateId)).map(head -> new SealedHead(newest.id(), head));
    }

    public record SealedHead(long checkpointId, StreamHeads.Head head) {
    }

    /**
     * Where the read log no longer holds what {@code checkpoint} sealed of it; empty when it does, or when the
     * checkpoint predates the read log's sealing (format 1).
     */
    public Optional<BrokenLink> readLogBreak(Checkpoint checkpoint) {
        Checkpoint.LogHead sealed = checkpoint.readLog();
        if (sealed == null) {
            return Optional.empty();
        }
        ReadLogVerification now = readLog.verifyAgainst(sealed.sequence(), sealed.hash());
        if (now.valid()) {
            return Optional.empty();
        }
        return Optional.of(new BrokenLink(null, now.firstBrokenLink(), null, BrokenLink.READ_LOG_CHANGED,
                "the personal-data read log no longer holds what checkpoint " + checkpoint.id() + " sealed (records 1 to "
                        + sealed.sequence() + ", the last with hash " + sealed.hash() + "): record "
                        + now.firstBrokenLink() + " was removed or altered"));
    }

    private void sealIfChanged() {
        try {
            Optional<Checkpoint> latest = archive.latest();
            TrackingToken head = engine.createHeadToken();
            long written = head == null ? -1 : head.position().orElse(-1);
            if (latest.isEmpty() || written > latest.get().position() || readLogGrew(latest.get())) {
                seal();
            }
        } catch (RuntimeException e) {
            log.error("Checkpoint not sealed: {}", e.getMessage());
        }
    }

    private boolean readLogGrew(Checkpoint since) {
        return since.readLog() == null || readLog.lastSequence() > since.readLog().sequence();
    }

    private void remember(Checkpoint checkpoint) {
        Map<String, StreamHeads.Head> heads = new HashMap<>();
        checkpoint.heads().forEach(head -> heads.put(head.aggregateId(), head));
        newest = checkpoint;
        newestHeads = heads;
    }

    @Override
    public void close() {
        if (schedule != null) {
            schedule.shutdownNow();
        }
    }
}
