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
import org.axonframework.eventhandling.TrackingToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seals checkpoints on demand and at an interval, and keeps the newest one's heads at hand for verifying one stream.
 * A checkpoint vouches for what it seals, so a store that does not verify is not sealed: the seal is refused (and at an
 * interval, logged as an error) until someone has looked at the break.
 */
public class SealedCheckpoints implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SealedCheckpoints.class);

    private final MongoEventStorageEngine engine;
    private final CheckpointSigner signer;
    private final CheckpointArchive archive;
    private final Clock clock;
    private final ScheduledExecutorService schedule;
    private Checkpoint newest;
    private Map<String, StreamHeads.Head> newestHeads = Map.of();

    public SealedCheckpoints(MongoEventStorageEngine engine, CheckpointSigner signer, CheckpointArchive archive,
                             Clock clock, Duration interval) {
        this.engine = engine;
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
     * Verifies the whole store and seals what it holds.
     *
     * @throws RuleViolationException when the store does not verify
     */
    public synchronized Checkpoint seal() {
        StoreVerification.Result store = engine.verifyStore(Long.MAX_VALUE, (position, last, events) -> {
        });
        if (!store.valid()) {
            ChainBreak first = store.breaks().get(0);
            throw new RuleViolationException("store-does-not-verify", "The store does not verify (" + store.breakCount()
                    + " breaks, the first: " + first.detail() + "), so it is not sealed");
        }
        Checkpoint sealed = signer.seal(archive.nextId(), store, clock.instant());
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

    private void sealIfChanged() {
        try {
            Optional<Checkpoint> latest = archive.latest();
            TrackingToken head = engine.createHeadToken();
            long written = head == null ? -1 : head.position().orElse(-1);
            if (latest.isEmpty() || written > latest.get().position()) {
                seal();
            }
        } catch (RuntimeException e) {
            log.error("Checkpoint not sealed: {}", e.getMessage());
        }
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
