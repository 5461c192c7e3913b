package ma.crafts.register.query.audit;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
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
import ma.crafts.register.eventstore.checkpoint.CheckpointChain;
import ma.crafts.register.eventstore.checkpoint.CheckpointRecords;
import ma.crafts.register.eventstore.checkpoint.CheckpointSigner;
import ma.crafts.register.platform.lease.Lease;
import ma.crafts.register.platform.lease.LeaseDocument;
import ma.crafts.register.query.readlog.PersonalDataReadLog;
import ma.crafts.register.query.readlog.ReadLogVerification;
import org.axonframework.eventhandling.TrackingToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seals the register's one series of checkpoints, on demand and at an interval, and keeps the newest one's heads at
 * hand for verifying one stream. Every query-side node seals into the same database ({@link CheckpointRecords}), one at
 * a time under a {@link Lease}, each checkpoint naming the one before it; so every node lists the same series, and
 * two nodes sealing at once give one checkpoint after the other, neither a gap nor a fork. The node that seals also
 * writes the file to its checkpoint directory, a copy outside the database that a restore of the database cannot
 * take back; at start-up the files there that the series lacks are imported, when they continue it (the checkpoints a
 * node sealed on its own before the series was kept in the database, or the ones a restore took back).
 * <p>
 * A checkpoint seals the personal-data read log's last record beside every stream's head, so that a record of who
 * read whose data cannot be removed or altered unseen either. A checkpoint vouches for what it seals, so a store or a
 * read log that does not verify is not sealed: the seal is refused (and at an interval, logged as an error) until
 * someone has looked at the break.
 */
public class SealedCheckpoints implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SealedCheckpoints.class);
    private static final Duration LEASE_POLL = Duration.ofMillis(100);
    /** Where the files that were not imported are kept, so that the series' own copies never replace them. */
    static final String NOT_IMPORTED = "not-imported";

    private final MongoEventStorageEngine engine;
    private final PersonalDataReadLog readLog;
    private final CheckpointSigner signer;
    private final CheckpointRecords records;
    private final CheckpointArchive copies;
    private final Lease lease;
    private final LeaseDocument sealing;
    private final Clock clock;
    private final ScheduledExecutorService schedule;
    private Checkpoint newest;
    private Map<String, StreamHeads.Head> newestHeads = Map.of();

    /**
     * @param copies  this node's checkpoint directory: a copy of what it seals, and what it imports at start-up
     * @param lease   this node's claim on sealing; an on-demand seal waits up to its term for another node's seal
     * @param sealing where the nodes' claims on sealing meet
     */
    public SealedCheckpoints(MongoEventStorageEngine engine, PersonalDataReadLog readLog, CheckpointSigner signer,
                             CheckpointRecords records, CheckpointArchive copies, Lease lease, LeaseDocument sealing,
                             Clock clock, Duration interval) {
        this.engine = engine;
        this.readLog = readLog;
        this.signer = signer;
        this.records = records;
        this.copies = copies;
        this.lease = lease;
        this.sealing = sealing;
        this.clock = clock;
        importCopies();
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
     * Verifies the whole store and the read log, and seals what they hold as the series' next checkpoint.
     *
     * @throws RuleViolationException when the store or the read log does not verify, or another node kept sealing
     *                                for longer than the lease's term
     */
    public synchronized Checkpoint seal() {
        Lease.Held held = awaitLease().orElseThrow(() -> new RuleViolationException("checkpoint-being-sealed",
                "Another node has been sealing a checkpoint for " + lease.term() + "; try again later"));
        try {
            return sealUnder(held);
        } finally {
            held.release();
        }
    }

    /** Every checkpoint of the series, oldest first, without its heads. */
    public List<Checkpoint> series() {
        return records.seriesWithoutHeads();
    }

    public Optional<Checkpoint> read(long id) {
        return records.read(id);
    }

    public String publicKeyPem() {
        return signer.publicKeyPem();
    }

    /** The stream's head in the newest checkpoint, with that checkpoint's id; empty when none sealed the stream. */
    public synchronized Optional<SealedHead> newestHeadOf(String aggregateId) {
        Optional<Checkpoint> latest = records.latestWithoutHeads();
        if (latest.isEmpty()) {
            return Optional.empty();
        }
        if (newest == null || newest.id() != latest.get().id()) {
            records.read(latest.get().id()).ifPresent(this::remember);
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

    private Checkpoint sealUnder(Lease.Held held) {
        Optional<Checkpoint> last = records.latestWithoutHeads();
        // Renewed as the verification goes, so that a long one keeps the lease a node at work is entitled to.
        StoreVerification.Result store = engine.verifyStore(Long.MAX_VALUE,
                (position, upTo, events) -> held.stillHeld());
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
        Checkpoint sealed = signer.seal(last.map(before -> before.id() + 1).orElse(1L), store, clock.instant(),
                new Checkpoint.LogHead(reads.records(), reads.headHash()),
                last.map(Checkpoint::chainHash).orElse(Checkpoint.FIRST));
        if (!held.stillHeld() || !records.append(sealed)) {
            throw new RuleViolationException("checkpoint-being-sealed", "Another node took over sealing while this "
                    + "one verified the store, so checkpoint " + sealed.id() + " is theirs; try again");
        }
        keepCopy(sealed);
        remember(sealed);
        log.info("Sealed checkpoint {} at position {} over {} streams", sealed.id(), sealed.position(), sealed.streams());
        return sealed;
    }

    private void keepCopy(Checkpoint sealed) {
        try {
            copies.store(sealed);
        } catch (UncheckedIOException e) {
            log.error("Checkpoint {} is sealed in the database, but its copy was not written to {}: {}", sealed.id(),
                    copies.directory(), e.getMessage());
        }
    }

    private Optional<Lease.Held> awaitLease() {
        Instant giveUp = clock.instant().plus(lease.term());
        Lease.Held held = lease.take(sealing, clock::instant);
        while (held == null && clock.instant().isBefore(giveUp)) {
            try {
                Thread.sleep(LEASE_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
            held = lease.take(sealing, clock::instant);
        }
        return Optional.ofNullable(held);
    }

    /**
     * Imports the files of this node's checkpoint directory that the series lacks, where they fit in it: between the
     * stored checkpoints before and after them, chained to both. A file under an id the series holds must be the
     * checkpoint stored there; an unchained one that is not (another node's own series, sealed before the series was
     * shared) means the unchained files after it continue that other series, so they are left out too. The files
     * left out are moved into {@value #NOT_IMPORTED}, as signed as before, where a copy of the series' own checkpoint
     * under the same id cannot replace them.
     */
    private synchronized void importCopies() {
        List<Long> ids = copies.ids();
        if (ids.isEmpty()) {
            return;
        }
        Optional<Lease.Held> held = awaitLease();
        if (held.isEmpty()) {
            log.warn("Checkpoints in {} not imported: another node kept sealing for {}", copies.directory(),
                    lease.term());
            return;
        }
        try {
            int imported = importFitting(ids, held.get());
            if (imported > 0) {
                log.info("Imported {} checkpoints from {} into the register's series", imported, copies.directory());
            }
        } finally {
            held.get().release();
        }
    }

    private int importFitting(List<Long> ids, Lease.Held held) {
        TreeMap<Long, Checkpoint> stored = new TreeMap<>();
        records.seriesWithoutHeads().forEach(checkpoint -> stored.put(checkpoint.id(), checkpoint));
        List<Long> left = new ArrayList<>();
        boolean anotherNodesSeries = false;
        int imported = 0;
        for (long id : ids) {
            Checkpoint copy = copies.read(id).orElseThrow();
            Checkpoint there = stored.get(id);
            if (there != null) {
                if (!sameSeal(there, copy)) {
                    left.add(id);
                    anotherNodesSeries |= copy.previous() == null;
                }
                continue;
            }
            if ((anotherNodesSeries && copy.previous() == null) || !fits(copy, stored)) {
                left.add(id);
                continue;
            }
            if (!held.stillHeld() || !records.append(copy)) {
                log.warn("Import of {} stopped at checkpoint {}: another node took over sealing", copies.directory(), id);
                return imported;
            }
            stored.put(id, copy);
            imported++;
        }
        if (!left.isEmpty()) {
            left.forEach(id -> copies.setAside(id, NOT_IMPORTED));
            log.warn("Checkpoints {} in {} are not the register's (sealed by a node on its own before the series was "
                    + "shared, or not chained to their neighbours), so they were not imported; their files are kept in "
                    + "{}", left, copies.directory(), copies.directory().resolve(NOT_IMPORTED));
        }
        return imported;
    }

    private static boolean fits(Checkpoint copy, TreeMap<Long, Checkpoint> stored) {
        List<Checkpoint> upToCopy = new ArrayList<>(stored.headMap(copy.id()).values());
        upToCopy.add(copy);
        Checkpoint after = stored.get(copy.id() + 1);
        return CheckpointSigner.holds(copy, copy.publicKey()) && CheckpointChain.firstBreak(upToCopy).isEmpty()
                && (after == null || CheckpointChain.linkBreak(copy, after).isEmpty());
    }

    private static boolean sameSeal(Checkpoint stored, Checkpoint copy) {
        return stored.canonicalText().equals(copy.canonicalText()) && stored.signature().equals(copy.signature());
    }

    /** At an interval: seals when the store or the read log moved on, unless another node is sealing. */
    private synchronized void sealIfChanged() {
        try {
            Lease.Held held = lease.take(sealing, clock::instant);
            if (held == null) {
                return;
            }
            try {
                Optional<Checkpoint> latest = records.latestWithoutHeads();
                TrackingToken head = engine.createHeadToken();
                long written = head == null ? -1 : head.position().orElse(-1);
                if (latest.isEmpty() || written > latest.get().position() || readLogGrew(latest.get())) {
                    sealUnder(held);
                }
            } finally {
                held.release();
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
