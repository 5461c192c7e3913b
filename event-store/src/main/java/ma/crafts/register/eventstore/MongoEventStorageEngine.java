package ma.crafts.register.eventstore;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.axonframework.common.AxonConfigurationException;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.AbstractEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;

/**
 * An Axon event storage engine on plain MongoDB documents. See {@code event-store/GUARANTEES.md} for what it promises and
 * why it is built this way. In short:
 * <ul>
 *   <li>one document per commit (all events of one unit of work), so a commit is visible whole or not at all
 *   ({@link CommitDocuments});</li>
 *   <li>{@code _id} is the commit's first global position, reserved from a counter; readers fetch "the next N positions"
 *   and the known gaps by {@code _id} with {@code $in}, the one query both MongoDB and mongo-java-server serve from an
 *   index ({@link TrackingReader});</li>
 *   <li>a unique multikey index on {@code streamKeys} ({@code aggregateId#firstSequence}) gives optimistic concurrency and
 *   lets an aggregate be loaded with {@code $in} lookups ({@link AggregateStreams});</li>
 *   <li>a reserved position that stays empty past the gap timeout is closed by inserting a void document under that
 *   {@code _id}; whichever of the void and the late commit is inserted first wins, so every processor sees the same
 *   outcome and a commit is never skipped after being written ({@link Voids});</li>
 *   <li>concurrent appends in one process share position blocks and {@code insertMany} calls (group commit, a few in
 *   flight at once: {@link GroupCommitWriter}, {@link PositionBlock});</li>
 *   <li>a tracking read runs window after window and reads the next one ahead while the caller handles one;</li>
 *   <li>each aggregate's commits are hash-chained ({@link HashChain}).</li>
 * </ul>
 * This class only adapts those parts to Axon's {@link AbstractEventStorageEngine}.
 */
public class MongoEventStorageEngine extends AbstractEventStorageEngine {
    /**
     * Keys per {@code $in} query. mongo-java-server matches each candidate document against the whole list, so the cost
     * of one query grows with the square of its length: a few queries of two hundred keys read much faster than one of a
     * thousand (bench/README.md, "Figures behind the code").
     */
    public static final int IN_CHUNK = 200;

    private final HashChain hashChain = new HashChain();
    private final StreamTips streamTips;
    private final GroupCommitWriter groupCommit;
    private final AggregateStreams aggregateStreams;
    private final Snapshots snapshots;
    private final TrackingReader tracking;
    private final TrackingTokens tokens;
    private final StoreAudit audit;
    private final PayloadTypeHolders payloadTypeHolders;

    protected MongoEventStorageEngine(Builder builder) {
        super(builder);
        if (!(getEventSerializer() instanceof JacksonSerializer) || !(getSnapshotSerializer() instanceof JacksonSerializer)) {
            throw new AxonConfigurationException("MongoEventStorageEngine serialises payloads straight into BSON documents"
                    + " through Jackson and needs JacksonSerializer for events and snapshots");
        }
        MongoDatabase database = builder.database;
        MongoCollection<Document> commits = database.getCollection(builder.commitsCollection);
        PositionCounter counter = new PositionCounter(database.getCollection(builder.countersCollection));
        Voids voids = new Voids(commits, builder.clock);
        this.streamTips = new StreamTips(builder.streamTipCacheSize);
        this.groupCommit = new GroupCommitWriter(commits,
                new PositionBlock(builder.maxPositionBlock, builder.positionBlockLinger, counter, voids), voids,
                builder.clock, builder.maxGroupCommitEvents, builder.maxConcurrentWrites);
        this.aggregateStreams = new AggregateStreams(commits, streamTips);
        this.snapshots = new Snapshots(database.getCollection(builder.snapshotsCollection));
        this.tracking = new TrackingReader(commits, counter, voids, builder.clock, builder.trackingBatchSize,
                builder.gapTimeout);
        this.tokens = new TrackingTokens(commits, counter, builder.maxPositionBlock);
        this.audit = new StoreAudit(commits, counter, aggregateStreams);
        this.payloadTypeHolders = new PayloadTypeHolders(commits);
        aggregateStreams.ensureIndex();
        counter.ensureExists();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.isEmpty()) {
            return;
        }
        PendingCommit commit = PendingCommit.prepare(events, serializer, hashChain, aggregateStreams);
        long lastPosition = groupCommit.append(commit);
        Map<String, Long> sequences = new HashMap<>();
        for (PendingCommit.StreamSegment stream : commit.streams) {
            sequences.put(stream.aggregateId, stream.lastSeq);
            streamTips.advance(stream.aggregateId, stream.lastSeq, stream.hash, commit.firstPosition);
        }
        AppendReceipts.record(lastPosition, sequences);
    }

    @Override
    protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        snapshots.store(snapshot, serializer);
    }

    /**
     * Deletes these aggregates' snapshots, so that what a snapshot copied from their events (perhaps in a form their
     * events no longer hold) goes with them; their next load replays the events.
     */
    public void discardSnapshots(Collection<String> aggregateIds) {
        snapshots.discard(aggregateIds);
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        return snapshots.read(aggregateIdentifier).stream();
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readEventData(String identifier, long firstSequenceNumber) {
        return aggregateStreams.read(identifier, firstSequenceNumber);
    }

    /**
     * The last sequence that may be stored: read from the primary's latest data, so a commit whose append failed with an
     * unknown outcome (no majority confirmed it yet) counts. Callers ask this before releasing what a failed append held;
     * a majority snapshot only shortens the walk, it never hides a later commit.
     */
    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        Optional<Long> snapshot = snapshots.sequenceOf(aggregateIdentifier);
        long last = aggregateStreams.lastSequence(aggregateIdentifier, snapshot.orElse(0L));
        return last >= 0 ? Optional.of(last) : snapshot;
    }

    @Override
    protected Stream<? extends TrackedEventData<?>> readEventData(TrackingToken trackingToken, boolean mayBlock) {
        return tracking.read(TrackingTokens.gapAware(trackingToken));
    }

    @Override
    public TrackingToken createTailToken() {
        return null;
    }

    @Override
    public TrackingToken createHeadToken() {
        return tokens.head();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return tokens.at(dateTime);
    }

    /** Recomputes an aggregate's hash chain from the stored documents. */
    public HashChain.Verification verifyStream(String aggregateId) {
        return verifyStream(aggregateId, null);
    }

    /**
     * Recomputes an aggregate's hash chain and checks that it still passes through the head a checkpoint sealed.
     *
     * @param sealed the stream's head in a checkpoint, or {@code null} when no checkpoint knows the stream
     */
    public HashChain.Verification verifyStream(String aggregateId, StreamHeads.Head sealed) {
        return audit.verifyStream(aggregateId, sealed);
    }

    /**
     * Verifies every commit whose first position is at or below {@code upTo}: hashes, each stream's chain and the
     * positions between commits, and gives every stream's head at the end (what a checkpoint seals).
     */
    public StoreVerification.Result verifyStore(long upTo, StoreVerification.Progress progress) {
        return audit.verifyStore(upTo, progress);
    }

    /** Carries on a verification of the whole store from where another run, perhaps in another process, stood. */
    public StoreVerification.Result resumeStoreVerification(StoreVerification.Resumption from,
                                                            StoreVerification.Progress progress) {
        return audit.resumeStoreVerification(from, progress);
    }

    /**
     * The aggregates that hold at least one event of {@code payloadType}, in no particular order. For rare types
     * only: see {@link PayloadTypeHolders}.
     */
    public Set<String> aggregatesHolding(Class<?> payloadType) {
        return payloadTypeHolders.of(payloadType);
    }

    /** For contract tests that stall or fail appends between their steps. */
    GroupCommitWriter groupCommit() {
        return groupCommit;
    }

    /** For contract tests that stall tracking reads. */
    TrackingReader tracking() {
        return tracking;
    }

    public static class Builder extends AbstractEventStorageEngine.Builder {
        private MongoDatabase database;
        private String commitsCollection = "commits";
        private String snapshotsCollection = "snapshots";
        private String countersCollection = "counters";
        private int trackingBatchSize = 1000;
        private int maxGroupCommitEvents = 500;
        private int maxConcurrentWrites = 4;
        private int streamTipCacheSize = 100_000;
        private int maxPositionBlock = 1024;
        private Duration positionBlockLinger = Duration.ofMillis(50);
        private Duration gapTimeout = Duration.ofSeconds(10);
        private Clock clock = Clock.systemUTC();

        @Override
        public Builder snapshotSerializer(Serializer snapshotSerializer) {
            super.snapshotSerializer(snapshotSerializer);
            return this;
        }

        @Override
        public Builder upcasterChain(org.axonframework.serialization.upcasting.event.EventUpcaster upcasterChain) {
            super.upcasterChain(upcasterChain);
            return this;
        }

        @Override
        public Builder eventSerializer(Serializer eventSerializer) {
            super.eventSerializer(eventSerializer);
            return this;
        }

        @Override
        public Builder snapshotFilter(org.axonframework.eventsourcing.snapshotting.SnapshotFilter snapshotFilter) {
            super.snapshotFilter(snapshotFilter);
            return this;
        }

        public Builder database(MongoDatabase database) {
            this.database = database;
            return this;
        }

        public Builder collectionPrefix(String prefix) {
            this.commitsCollection = prefix + "commits";
            this.snapshotsCollection = prefix + "snapshots";
            this.countersCollection = prefix + "counters";
            return this;
        }

        /** How many positions one tracking fetch asks for (plus the token's gaps). */
        public Builder trackingBatchSize(int trackingBatchSize) {
            this.trackingBatchSize = trackingBatchSize;
            return this;
        }

        /** The upper bound of events that concurrent appends may share in one write. */
        public Builder maxGroupCommitEvents(int maxGroupCommitEvents) {
            this.maxGroupCommitEvents = maxGroupCommitEvents;
            return this;
        }

        /**
         * How many group commits may be in flight at once. One writer at a time leaves the appending threads idle while
         * its insert makes the round trip; a few overlap that wait, and each still takes everything queued when it starts.
         */
        public Builder maxConcurrentWrites(int maxConcurrentWrites) {
            this.maxConcurrentWrites = maxConcurrentWrites;
            return this;
        }

        /** The most positions this engine takes from the counter at once, while it is busy; 1 turns blocks off. */
        public Builder maxPositionBlock(int maxPositionBlock) {
            this.maxPositionBlock = maxPositionBlock;
            return this;
        }

        /** How long an unused block remainder is kept for the next commit before it is closed with a void document. */
        public Builder positionBlockLinger(Duration positionBlockLinger) {
            this.positionBlockLinger = positionBlockLinger;
            return this;
        }

        public Builder streamTipCacheSize(int streamTipCacheSize) {
            this.streamTipCacheSize = streamTipCacheSize;
            return this;
        }

        /** How long a reserved but empty position may hold processors back before it is closed. */
        public Builder gapTimeout(Duration gapTimeout) {
            this.gapTimeout = gapTimeout;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        @Override
        protected void validate() throws AxonConfigurationException {
            super.validate();
            if (database == null) {
                throw new AxonConfigurationException("A MongoDatabase is required");
            }
            if (trackingBatchSize < 1 || maxGroupCommitEvents < 1 || maxConcurrentWrites < 1 || maxPositionBlock < 1
                    || gapTimeout.isNegative() || positionBlockLinger.isNegative() || positionBlockLinger.compareTo(gapTimeout) >= 0) {
                throw new AxonConfigurationException("Batch and block sizes must be positive, the gap timeout not negative,"
                        + " and the block linger shorter than the gap timeout (readers would close remainders first)");
            }
        }

        public MongoEventStorageEngine build() {
            validate();
            return new MongoEventStorageEngine(this);
        }
    }
}
