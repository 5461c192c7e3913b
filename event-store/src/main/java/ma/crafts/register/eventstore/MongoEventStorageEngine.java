package ma.crafts.register.eventstore;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.axonframework.common.AxonConfigurationException;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.AbstractEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.BsonBinaryReader;
import org.bson.BsonBinaryWriter;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;
import org.bson.codecs.EncoderContext;
import org.bson.conversions.Bson;
import org.bson.io.BasicOutputBuffer;

/**
 * An Axon event storage engine on plain MongoDB documents. See {@code event-store/GUARANTEES.md} for what it promises and
 * why it is built this way. In short:
 * <ul>
 *   <li>one document per commit (all events of one unit of work), so a commit is visible whole or not at all;</li>
 *   <li>{@code _id} is the commit's first global position, reserved from a counter; readers fetch "the next N positions"
 *   and the known gaps by {@code _id} with {@code $in}, the one query both MongoDB and mongo-java-server serve from an
 *   index;</li>
 *   <li>a unique multikey index on {@code streamKeys} ({@code aggregateId#firstSequence}) gives optimistic concurrency and
 *   lets an aggregate be loaded with {@code $in} lookups;</li>
 *   <li>a reserved position that stays empty past the gap timeout is closed by inserting a void document under that
 *   {@code _id}; whichever of the void and the late commit is inserted first wins, so every processor sees the same
 *   outcome and a commit is never skipped after being written;</li>
 *   <li>concurrent appends in one process share position blocks and {@code insertMany} calls (group commit, a few in
 *   flight at once);</li>
 *   <li>a tracking read runs window after window and reads the next one ahead while the caller handles one.</li>
 * </ul>
 */
public class MongoEventStorageEngine extends AbstractEventStorageEngine {
    static final String COUNTER_ID = "commits";
    static final String GLOBAL_POSITION = "globalPosition";
    private static final String STREAM_KEY_INDEX = "streamKeys";
    private static final DocumentCodec DOCUMENTS = new DocumentCodec();
    private static final EncoderContext ENCODING = EncoderContext.builder().build();
    /**
     * Keys per {@code $in} query. mongo-java-server matches each candidate document against the whole list, so the cost
     * of one query grows with the square of its length: a thousand keys read half as fast as five queries of two hundred.
     */
    public static final int IN_CHUNK = 200;
    /** Daemon threads, shared by every engine in the JVM, that give up idle block remainders (one small insert each). */
    private static final ExecutorService REMAINDER_CLOSERS = daemonThreads("event-store-position-blocks");

    /** Daemon threads, shared by every engine in the JVM, that read the next tracking window while one is handled. */
    private static final ExecutorService READ_AHEAD = daemonThreads("event-store-read-ahead");

    /** What a tracking read needs of a commit: the hash chain and stream keys stay on the server. */
    private static final Bson TRACKED_FIELDS = Projections.include("last", "void", "events");
    /** What {@link #segmentOf} needs, for lookups that want an aggregate's sequences and hashes but not its events. */
    private static final Bson SEGMENT_FIELDS = Projections.include("streams", "prevHash", "hash", "events.aggregateId",
            "events.aggregateType", "events.seq");

    private final MongoCollection<Document> commits;
    /** The same collection, for inserting commits encoded by the engine. */
    private final MongoCollection<RawBsonDocument> rawCommits;
    private final MongoCollection<Document> snapshots;
    private final MongoCollection<Document> counters;
    private final int trackingBatchSize;
    private final int maxGroupCommitEvents;
    private final Duration gapTimeout;
    private final Clock clock;
    private final HashChain hashChain = new HashChain();
    private final StreamTips streamTips;
    private final ConcurrentLinkedQueue<PendingCommit> pending = new ConcurrentLinkedQueue<>();
    /** Monitor of {@link #writers}: how many appending threads are writing a group commit right now. */
    private final Object writerRole = new Object();
    private int writers;
    private final int maxConcurrentWrites;
    private final PositionBlock block;
    private final Map<Long, Long> gapFirstSeenMillis = new ConcurrentHashMap<>();
    /** Where a writer may stall or die between reserving positions and writing them; contract tests hook in here. */
    private volatile Runnable betweenReservationAndWrite = () -> {
    };
    /** Where a tracking stream is about to read its next window ahead; contract tests hook in here. */
    private volatile Runnable beforeReadAhead = () -> {
    };
    /** Where an appender has queued its commit but not yet asked for a writer slot; contract tests hook in here. */
    private volatile Runnable afterQueueing = () -> {
    };

    protected MongoEventStorageEngine(Builder builder) {
        super(builder);
        MongoDatabase database = builder.database;
        this.commits = database.getCollection(builder.commitsCollection);
        this.rawCommits = commits.withDocumentClass(RawBsonDocument.class);
        this.snapshots = database.getCollection(builder.snapshotsCollection);
        this.counters = database.getCollection(builder.countersCollection);
        this.trackingBatchSize = builder.trackingBatchSize;
        this.maxGroupCommitEvents = builder.maxGroupCommitEvents;
        this.maxConcurrentWrites = builder.maxConcurrentWrites;
        this.gapTimeout = builder.gapTimeout;
        this.clock = builder.clock;
        this.streamTips = new StreamTips(builder.streamTipCacheSize);
        this.block = new PositionBlock(builder.maxPositionBlock, builder.positionBlockLinger);
        if (!(getEventSerializer() instanceof JacksonSerializer) || !(getSnapshotSerializer() instanceof JacksonSerializer)) {
            throw new AxonConfigurationException("MongoEventStorageEngine serialises payloads straight into BSON documents"
                    + " through Jackson and needs JacksonSerializer for events and snapshots");
        }
        ensureSchema();
    }

    public static Builder builder() {
        return new Builder();
    }

    private static ExecutorService daemonThreads(String name) {
        return Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    private void ensureSchema() {
        commits.createIndex(Indexes.ascending(STREAM_KEY_INDEX),
                new IndexOptions().unique(true).sparse(true).name(STREAM_KEY_INDEX + "_1"));
        try {
            counters.insertOne(new Document("_id", COUNTER_ID).append("next", 0L));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }

    // ------------------------------------------------------------------ appending

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.isEmpty()) {
            return;
        }
        PendingCommit commit = prepare(events, serializer);
        pending.add(commit);
        afterQueueing.run();
        // A writer's batch stops at maxGroupCommitEvents, so it may not reach this thread's own commit: then take the
        // role again until some writer (this thread or another) has claimed it, or nobody would ever write it.
        for (List<PendingCommit> batch = takeWriterRoleUnlessClaimed(commit); !batch.isEmpty();
             batch = takeWriterRoleUnlessClaimed(commit)) {
            writeAsTheWriter(batch);
        }
        long lastPosition = awaitResult(commit);
        Map<String, Long> sequences = new HashMap<>();
        commit.streams.forEach(stream -> {
            sequences.put(stream.aggregateId, stream.lastSeq);
            streamTips.advance(stream.aggregateId, stream.lastSeq, stream.hash);
        });
        AppendReceipts.record(lastPosition, sequences);
    }

    /**
     * Waits through interrupts: the commit is queued and a writer will write it, so reporting a failure now could deny
     * a commit that lands anyway. Writes are bounded by the driver's timeouts.
     */
    private long awaitResult(PendingCommit commit) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return commit.result.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    throw new EventStoreException("Appending events failed", e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Serialises, encodes and hash-chains on the caller's thread, so a writer only reserves and inserts. Each event is
     * encoded to BSON once: the hash covers those bytes, and the insert sends them as they are. An event's position is
     * not among them: it is the commit's {@code _id} plus the event's index, known only when the writer reserves it.
     */
    private PendingCommit prepare(List<? extends EventMessage<?>> events, Serializer serializer) {
        List<byte[]> encodedEvents = new ArrayList<>(events.size());
        Map<String, StreamSegment> streams = new LinkedHashMap<>();
        for (EventMessage<?> event : events) {
            byte[] encoded = encode(event, serializer);
            if (event instanceof DomainEventMessage<?> domainEvent && domainEvent.getAggregateIdentifier() != null) {
                StreamSegment segment = streams.computeIfAbsent(domainEvent.getAggregateIdentifier(),
                        id -> new StreamSegment(id, domainEvent.getType(), domainEvent.getSequenceNumber()));
                if (domainEvent.getSequenceNumber() != segment.lastSeq + 1 && !segment.events.isEmpty()) {
                    throw new EventStoreException("Events of aggregate " + segment.aggregateId
                            + " in one commit must have consecutive sequence numbers");
                }
                segment.lastSeq = domainEvent.getSequenceNumber();
                segment.events.add(encoded);
            }
            encodedEvents.add(encoded);
        }
        List<StreamSegment> segments = new ArrayList<>(streams.values());
        for (StreamSegment segment : segments) {
            segment.prevHash = segment.firstSeq == 0 ? HashChain.GENESIS : previousHash(segment.aggregateId, segment.firstSeq);
            segment.hash = hashChain.hashEncoded(segment.prevHash, segment.events);
        }
        return new PendingCommit(encodedEvents, segments);
    }

    /**
     * An event as stored: the field order is part of the hash. Payload and metadata are serialised by the serializer's
     * object mapper straight into the document, not into JSON text that would have to be parsed again.
     */
    private static byte[] encode(EventMessage<?> event, Serializer serializer) {
        ObjectMapper mapper = ((JacksonSerializer) serializer).getObjectMapper();
        BasicOutputBuffer buffer = new BasicOutputBuffer(1024);
        try (BsonBinaryWriter writer = new BsonBinaryWriter(buffer)) {
            writer.writeStartDocument();
            if (event instanceof DomainEventMessage<?> domainEvent && domainEvent.getAggregateIdentifier() != null) {
                writer.writeString("aggregateType", domainEvent.getType());
                writer.writeString("aggregateId", domainEvent.getAggregateIdentifier());
                writer.writeInt64("seq", domainEvent.getSequenceNumber());
            }
            writer.writeString("eventId", event.getIdentifier());
            writer.writeDateTime("timestamp", event.getTimestamp().toEpochMilli());
            SerializedType type = serializer.typeForClass(event.getPayloadType());
            writer.writeString("payloadType", event.getPayload() == null ? "empty" : type.getName());
            if (type.getRevision() == null) {
                writer.writeNull("payloadRevision");
            } else {
                writer.writeString("payloadRevision", type.getRevision());
            }
            writer.writeName("payload");
            BsonGenerator.write(mapper, event.getPayload(), writer);
            writer.writeName("metaData");
            BsonGenerator.write(mapper, event.getMetaData(), writer);
            writer.writeEndDocument();
        }
        return buffer.toByteArray();
    }

    private String previousHash(String aggregateId, long firstSeq) {
        Optional<String> cached = streamTips.hashAt(aggregateId, firstSeq - 1);
        if (cached.isPresent()) {
            return cached.get();
        }
        Optional<Document> previous = nearestSegmentAtOrBefore(aggregateId, firstSeq - 1, false).map(found -> found[0]);
        if (previous.isPresent() && previous.get().getLong("lastSeq") >= firstSeq) {
            // Only the first sequence of each commit is a unique key; a stale caller's commit starting inside another
            // commit's part of the stream would otherwise be stored beside it.
            throw new ConcurrencyException("Sequence " + firstSeq + " of aggregate " + aggregateId
                    + " is already stored, in the commit holding sequences " + previous.get().getLong("firstSeq") + " to "
                    + previous.get().getLong("lastSeq"));
        }
        return previous.filter(segment -> segment.getLong("lastSeq") == firstSeq - 1)
                .map(segment -> segment.getString("hash"))
                .orElse(HashChain.UNLINKED);
    }

    /**
     * The segment of the aggregate's stream with the highest first sequence at or before {@code seq}, found by probing
     * stream keys backwards in widening windows. Segments do not overlap, so it contains {@code seq} if any segment does.
     *
     * @return {segment, commit}
     */
    private Optional<Document[]> nearestSegmentAtOrBefore(String aggregateId, long seq, boolean withEvents) {
        long window = 16;
        long high = seq;
        while (high >= 0) {
            long low = Math.max(0, high - window + 1);
            List<String> keys = new ArrayList<>();
            for (long candidate = low; candidate <= high; candidate++) {
                keys.add(streamKey(aggregateId, candidate));
            }
            Document[] best = null;
            var query = commits.find(in(STREAM_KEY_INDEX, keys));
            if (!withEvents) {
                query = query.projection(SEGMENT_FIELDS);
            }
            for (Document commit : query) {
                Optional<Document> segment = segmentOf(commit, aggregateId);
                if (segment.isPresent()) {
                    long first = segment.get().getLong("firstSeq");
                    if (first <= seq && (best == null || first > best[0].getLong("firstSeq"))) {
                        best = new Document[]{segment.get(), commit};
                    }
                }
            }
            if (best != null) {
                return Optional.of(best);
            }
            high = low - 1;
            window *= 4;
        }
        return Optional.empty();
    }

    /**
     * Group commit: up to {@code maxConcurrentWrites} appending threads at a time are writers. Each takes what is queued
     * (up to {@code maxGroupCommitEvents}, its own commit and others'), gives each commit positions from the engine's
     * block (see {@link PositionBlock}) and inserts them all with one {@code insertMany}. Appends that arrive while every
     * slot is busy queue up and go out together in the next write: on mongo-java-server an insert command costs about
     * three times what one more document in it costs, so batching is what makes appends cheap. A thread whose commit a writer took waits for the result.
     *
     * @return the batch to write if this thread became the writer, else nothing
     */
    private List<PendingCommit> takeWriterRoleUnlessClaimed(PendingCommit own) {
        boolean interrupted = false;
        try {
            synchronized (writerRole) {
                while (writers >= maxConcurrentWrites && !own.claimed) {
                    try {
                        writerRole.wait();
                    } catch (InterruptedException e) {
                        // Keep waiting: the commit is queued and will be written; giving up now would report a failure
                        // for a commit that still lands.
                        interrupted = true;
                    }
                }
                if (own.claimed) {
                    return List.of();
                }
                writers++;
                return claimQueued();
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void writeAsTheWriter(List<PendingCommit> claimed) {
        try {
            List<PendingCommit> batch = claimed;
            for (int attempt = 1; !batch.isEmpty(); attempt++) {
                if (attempt > 5) {
                    batch.forEach(commit -> commit.result.completeExceptionally(new EventStoreException(
                            "Could not write commit: its reserved positions kept being closed by readers")));
                    return;
                }
                List<Document> closedRemainders = new ArrayList<>();
                try {
                    block.assign(batch, closedRemainders);
                } catch (RuntimeException e) {
                    batch.forEach(commit -> commit.result.completeExceptionally(
                            new EventStoreException("Could not reserve positions", e)));
                    return;
                }
                batch = writeBatch(batch, closedRemainders);
            }
        } catch (RuntimeException | Error e) {
            // No claimed commit may be left without an outcome, or its thread would wait for it forever.
            claimed.forEach(commit -> commit.result.completeExceptionally(new EventStoreException("Appending events failed", e)));
            throw e;
        } finally {
            synchronized (writerRole) {
                writers--;
                writerRole.notifyAll();
            }
        }
    }

    private List<PendingCommit> claimQueued() {
        List<PendingCommit> batch = new ArrayList<>();
        int events = 0;
        PendingCommit next;
        while ((events < maxGroupCommitEvents || batch.isEmpty()) && (next = pending.poll()) != null) {
            next.claimed = true;
            batch.add(next);
            events += next.events.size();
        }
        return batch;
    }

    /**
     * @param closedRemainders void documents for block remainders given up while assigning positions; they go out in the
     *                         same write, after the commits
     * @return the commits that must be retried with fresh positions
     */
    private List<PendingCommit> writeBatch(List<PendingCommit> batch, List<Document> closedRemainders) {
        betweenReservationAndWrite.run();
        long committedAt = clock.millis();
        List<RawBsonDocument> documents = new ArrayList<>(batch.size() + closedRemainders.size());
        for (PendingCommit commit : batch) {
            documents.add(commit.toDocument(committedAt));
        }
        // After the commits, so failures index the batch; a remainder's void that collides with a reader's is harmless.
        closedRemainders.forEach(closing -> documents.add(new RawBsonDocument(closing, DOCUMENTS)));
        Map<Integer, BulkWriteError> failures = new HashMap<>();
        try {
            rawCommits.insertMany(documents, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            e.getWriteErrors().forEach(error -> failures.put(error.getIndex(), error));
        } catch (RuntimeException e) {
            // The outcome is unknown: some commits may be stored. Readers resolve the positions either way.
            batch.forEach(commit -> commit.result.completeExceptionally(new EventStoreException("Appending events failed", e)));
            return List.of();
        }
        List<PendingCommit> retry = new ArrayList<>();
        List<Document> voids = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            PendingCommit commit = batch.get(i);
            BulkWriteError error = failures.get(i);
            if (error == null) {
                commit.result.complete(commit.firstPosition + commit.events.size() - 1);
            } else if (isDuplicateKey(error) && error.getMessage().contains(STREAM_KEY_INDEX)) {
                voids.add(voidDocument(commit.firstPosition, commit.firstPosition + commit.events.size() - 1, "conflict"));
                commit.result.completeExceptionally(conflict(commit, error.getMessage()));
            } else if (isDuplicateKey(error)) {
                // A reader gave up waiting for these positions and closed them; they are lost to us, not the commit.
                commit.firstPosition = -1;
                retry.add(commit);
            } else {
                commit.result.completeExceptionally(new EventStoreException("Appending events failed: " + error.getMessage()));
            }
        }
        closeQuietly(voids);
        return retry;
    }

    private void closeQuietly(List<Document> voids) {
        if (voids.isEmpty()) {
            return;
        }
        try {
            commits.insertMany(voids, new InsertManyOptions().ordered(false));
        } catch (RuntimeException ignored) {
            // A reader may have closed them first, or the write failed: readers close them after the gap timeout anyway.
        }
    }

    private static boolean isDuplicateKey(BulkWriteError error) {
        return ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY;
    }

    private static RuntimeException conflict(PendingCommit commit, String detail) {
        boolean creation = commit.streams.stream().anyMatch(segment -> segment.firstSeq == 0 && detail.contains(segment.aggregateId + "#0"));
        String message = "Another commit already stored these sequence numbers: " + detail;
        return creation ? new AggregateStreamCreationException(message) : new ConcurrencyException(message);
    }

    /** ReturnDocument.BEFORE: mongo-java-server may hand two clients the same value with AFTER. */
    private long reservePositions(long count) {
        Document before = counters.findOneAndUpdate(eq("_id", COUNTER_ID), Updates.inc("next", count),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE));
        if (before == null) {
            throw new EventStoreException("Position counter missing");
        }
        return before.get("next", Number.class).longValue();
    }

    /**
     * This engine's share of the global positions, taken from the shared counter in blocks so that most commits cost one
     * insert and no counter round trip (the counter is what limits a writer on mongo-java-server, which serialises it).
     * The block doubles while it runs out within the linger time (busy) and halves otherwise, so a quiet register still
     * reserves one position per commit. A remainder is given up with a void document when a commit does not fit in it,
     * or after the linger time without a commit; until then it is a reservation in flight, which readers of other
     * processes see as gaps and deliver around, like any other. Used by the writer and the linger check, hence synchronised.
     */
    private final class PositionBlock {
        private final int maxSize;
        private final Duration linger;
        private long next;
        private long end;
        private int size = 1;
        private boolean reservedBefore;
        private long reservedAtNanos;
        private long lastTakeNanos;
        private boolean lingerCheckScheduled;

        PositionBlock(int maxSize, Duration linger) {
            this.maxSize = maxSize;
            this.linger = linger;
        }

        synchronized void assign(List<PendingCommit> batch, List<Document> closedRemainders) {
            long wanted = 0;
            for (PendingCommit commit : batch) {
                wanted += commit.events.size();
            }
            for (PendingCommit commit : batch) {
                commit.firstPosition = take(commit.events.size(), wanted, closedRemainders);
                wanted -= commit.events.size();
            }
        }

        /**
         * @param wanted           events still to place in this batch, this commit's included: a new block covers them all
         * @param closedRemainders receives the void document of a remainder given up here
         */
        private long take(int count, long wanted, List<Document> closedRemainders) {
            long now = System.nanoTime();
            if (end - next < count) {
                if (end > next) {
                    closedRemainders.add(voidDocument(next, end - 1, "unused"));
                }
                boolean ranOutQuickly = reservedBefore && now - reservedAtNanos < linger.toNanos();
                size = ranOutQuickly ? Math.min(maxSize, size * 2) : Math.max(1, size / 2);
                long reserved = Math.max(wanted, size);
                next = reservePositions(reserved);
                end = next + reserved;
                reservedAtNanos = now;
                reservedBefore = true;
            }
            long first = next;
            next += count;
            lastTakeNanos = now;
            if (next < end && !lingerCheckScheduled && !linger.isZero()) {
                lingerCheckScheduled = true;
                scheduleLingerCheck(linger.toNanos());
            }
            return first;
        }

        private void scheduleLingerCheck(long delayNanos) {
            CompletableFuture.runAsync(this::giveUpIdleRemainder,
                    CompletableFuture.delayedExecutor(delayNanos, TimeUnit.NANOSECONDS, REMAINDER_CLOSERS));
        }

        private synchronized void giveUpIdleRemainder() {
            lingerCheckScheduled = false;
            if (next >= end) {
                return;
            }
            long idleNanos = System.nanoTime() - lastTakeNanos;
            if (idleNanos < linger.toNanos()) {
                lingerCheckScheduled = true;
                scheduleLingerCheck(linger.toNanos() - idleNanos);
                return;
            }
            Document closing = voidDocument(next, end - 1, "unused");
            next = end;
            size = Math.max(1, size / 2);
            closeQuietly(List.of(closing));
        }
    }

    private Document voidDocument(long first, long last, String reason) {
        return new Document("_id", first).append("last", last).append("void", reason)
                .append("committedAt", Date.from(clock.instant()));
    }

    // ------------------------------------------------------------------ snapshots

    @ScansAccepted(adr = "0001", why = "snapshots holds one document per snapshotted aggregate and grows with the "
            + "register; the condition on seq keeps a newer snapshot, and snapshots are taken once per many events, "
            + "not per command")
    @Override
    protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        // The same fields as a stored event, keyed by the aggregate: one snapshot per aggregate, the newest.
        Document document = new Document("_id", snapshot.getAggregateIdentifier());
        document.putAll(new RawBsonDocument(encode(snapshot, serializer)).decode(DOCUMENTS));
        try {
            snapshots.replaceOne(com.mongodb.client.model.Filters.and(eq("_id", snapshot.getAggregateIdentifier()),
                            com.mongodb.client.model.Filters.lt("seq", snapshot.getSequenceNumber())),
                    document, new ReplaceOptions().upsert(true));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw new EventStoreException("Storing snapshot failed", e);
            }
            // A newer snapshot is already stored: keep it.
        }
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        Document snapshot = snapshots.find(eq("_id", aggregateIdentifier)).first();
        if (snapshot == null) {
            return Stream.empty();
        }
        return Stream.of(new StoredEvents.Domain(snapshot.getString("aggregateType"), aggregateIdentifier,
                snapshot.getLong("seq"), content(snapshot, null)));
    }

    // ------------------------------------------------------------------ aggregate streams

    @Override
    protected Stream<? extends DomainEventData<?>> readEventData(String identifier, long firstSequenceNumber) {
        StreamWalk walk = new StreamWalk(identifier, firstSequenceNumber, true);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(walk, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        Document snapshot = snapshots.find(eq("_id", aggregateIdentifier)).projection(Projections.include("seq")).first();
        long from = snapshot == null ? 0 : snapshot.getLong("seq");
        StreamWalk walk = new StreamWalk(aggregateIdentifier, from, false);
        walk.drain();
        long last = walk.lastSeenSequence;
        if (last >= 0) {
            return Optional.of(last);
        }
        return snapshot == null ? Optional.empty() : Optional.of(from);
    }

    /**
     * Reads one aggregate's commits in sequence order with {@code $in} lookups on their stream keys, doubling the batch
     * each round. The first round also looks a few keys back, because the first wanted sequence may sit inside a commit
     * that started earlier (after a snapshot, say).
     */
    private final class StreamWalk implements java.util.Iterator<DomainEventData<?>> {
        private final String aggregateId;
        private final long firstWanted;
        private final boolean withEvents;
        private final java.util.ArrayDeque<DomainEventData<?>> buffer = new java.util.ArrayDeque<>();
        private long next;
        private int batch = 8;
        private boolean exhausted;
        long lastSeenSequence = -1;

        StreamWalk(String aggregateId, long firstWanted, boolean withEvents) {
            this.aggregateId = aggregateId;
            this.firstWanted = Math.max(0, firstWanted);
            this.withEvents = withEvents;
            this.next = this.firstWanted;
        }

        @Override
        public boolean hasNext() {
            while (buffer.isEmpty() && !exhausted) {
                fetch();
            }
            return !buffer.isEmpty();
        }

        @Override
        public DomainEventData<?> next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            return buffer.poll();
        }

        /** Walks to the end of the stream, for callers that want only {@link #lastSeenSequence}. */
        void drain() {
            while (!exhausted) {
                fetch();
                buffer.clear();
            }
        }

        private void fetch() {
            boolean firstRound = next == firstWanted;
            long lookBack = firstRound ? Math.min(next, 8) : 0;
            long low = next - lookBack;
            long high = next + batch - 1;
            List<String> keys = new ArrayList<>((int) (high - low + 1));
            for (long seq = low; seq <= high; seq++) {
                keys.add(streamKey(aggregateId, seq));
            }
            NavigableMap<Long, Document[]> segments = new TreeMap<>();
            var query = commits.find(in(STREAM_KEY_INDEX, keys));
            if (!withEvents) {
                query = query.projection(SEGMENT_FIELDS);
            }
            for (Document commit : query) {
                segmentOf(commit, aggregateId).ifPresent(segment -> {
                    segments.put(segment.getLong("firstSeq"), new Document[]{segment, commit});
                    streamTips.advance(aggregateId, segment.getLong("lastSeq"), segment.getString("hash"));
                });
            }
            if (firstRound && next > 0 && segments.floorEntry(next) == null) {
                // The wanted sequence may sit inside a commit that starts before the look-back window.
                nearestSegmentAtOrBefore(aggregateId, next, withEvents)
                        .ifPresent(found -> segments.put(found[0].getLong("firstSeq"), found));
            }
            Map.Entry<Long, Document[]> containing = segments.floorEntry(next);
            while (containing != null && containing.getValue()[0].getLong("lastSeq") >= next) {
                lastSeenSequence = containing.getValue()[0].getLong("lastSeq");
                if (withEvents) {
                    emit(containing.getValue()[1]);
                }
                next = lastSeenSequence + 1;
                containing = segments.floorEntry(next);
            }
            exhausted = next <= high;
            batch = Math.min(batch * 2, 256);
        }

        private void emit(Document commit) {
            long firstPosition = commit.getLong("_id");
            List<Document> events = commit.getList("events", Document.class);
            for (int i = 0; i < events.size(); i++) {
                Document event = events.get(i);
                if (aggregateId.equals(event.getString("aggregateId")) && event.getLong("seq") >= firstWanted) {
                    buffer.add(new StoredEvents.Domain(event.getString("aggregateType"), aggregateId, event.getLong("seq"),
                            content(event, firstPosition + i)));
                }
            }
        }
    }

    // ------------------------------------------------------------------ tracking

    /**
     * A lazy stream over consecutive fetch windows that ends once a window reaches the positions nobody has reserved yet.
     * While the caller handles one window, the next is read and decoded on a read-ahead thread, so a replaying processor
     * does not wait for the store between batches. A window read ahead is as good as one read on demand a moment later:
     * positions that were still empty stay gaps in its token and are asked for again by the next window.
     */
    @Override
    protected Stream<? extends TrackedEventData<?>> readEventData(TrackingToken trackingToken, boolean mayBlock) {
        WindowStream windows = new WindowStream(asGapAware(trackingToken));
        return StreamSupport.stream(windows, false).onClose(windows::close);
    }

    /** One fetch window's events, the token advanced over everything it covered, and whether more may follow. */
    private record Window(List<TrackedEventData<?>> events, GapAwareTrackingToken token, boolean last) {
    }

    private Window readWindows(GapAwareTrackingToken from) {
        List<TrackedEventData<?>> events = new ArrayList<>();
        GapAwareTrackingToken token = from;
        // A window may hold nothing but void documents (a block remainder can be longer than the window): then read on
        // from the token they advanced to, or a processor would ask for the same window forever.
        while (true) {
            WindowEnd end = readWindow(token, events);
            boolean stuck = end.token().equals(token);
            token = end.token();
            if (stuck || end.atHead()) {
                return new Window(events, token, true);
            }
            if (!events.isEmpty()) {
                return new Window(events, token, false);
            }
        }
    }

    private final class WindowStream extends Spliterators.AbstractSpliterator<TrackedEventData<?>> {
        private final GapAwareTrackingToken start;
        private Window current;
        private int delivered;
        private volatile CompletableFuture<Window> ahead;
        private volatile boolean closed;

        WindowStream(GapAwareTrackingToken start) {
            super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
            this.start = start;
        }

        @Override
        public boolean tryAdvance(Consumer<? super TrackedEventData<?>> action) {
            if (current == null) {
                current = readWindows(start);
                readAhead();
            }
            while (delivered == current.events().size()) {
                if (current.last() || closed) {
                    return false;
                }
                Optional<Window> next = awaitAhead();
                if (next.isEmpty()) {
                    return false;
                }
                current = next.get();
                delivered = 0;
                readAhead();
            }
            action.accept(current.events().get(delivered++));
            return true;
        }

        private void readAhead() {
            if (!current.last()) {
                GapAwareTrackingToken from = current.token();
                ahead = CompletableFuture.supplyAsync(() -> {
                    beforeReadAhead.run();
                    return closed ? new Window(List.of(), from, true) : readWindows(from);
                }, READ_AHEAD);
            }
        }

        /**
         * Empty when the caller is interrupted (a processor shutting down) or the stream was closed meanwhile: the stream
         * then ends after what it gave.
         */
        private Optional<Window> awaitAhead() {
            try {
                return Optional.of(ahead.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                return Optional.empty();
            } catch (CancellationException closedMeanwhile) {
                return Optional.empty();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new EventStoreException("Reading events failed", e.getCause());
            }
        }

        /** A window being read still finishes; one not started yet never starts. */
        void close() {
            closed = true;
            CompletableFuture<Window> next = ahead;
            if (next != null) {
                next.cancel(false);
            }
        }
    }

    private record WindowEnd(GapAwareTrackingToken token, boolean atHead) {
    }

    /**
     * Reads the token's gaps and the next positions into {@code result}; returns the token advanced over them and whether
     * the window reached the positions nobody has reserved yet.
     */
    private WindowEnd readWindow(GapAwareTrackingToken start, List<TrackedEventData<?>> result) {
        GapAwareTrackingToken token = start;
        TreeSet<Long> wanted = new TreeSet<>(token.getGaps());
        for (long position = token.getIndex() + 1; position <= token.getIndex() + trackingBatchSize; position++) {
            wanted.add(position);
        }
        Map<Long, Document> found = new HashMap<>();
        List<Long> keys = new ArrayList<>(wanted);
        for (int from = 0; from < keys.size(); from += IN_CHUNK) {
            for (Document commit : commits.find(in("_id", keys.subList(from, Math.min(keys.size(), from + IN_CHUNK))))
                    .projection(TRACKED_FIELDS)) {
                found.put(commit.getLong("_id"), commit);
            }
        }
        long next = token.getIndex() + 1;
        long head = -1;
        if (token.getIndex() >= 0 && !found.containsKey(next)) {
            head = nextUnreservedPosition();
            if (next < head) {
                // The processor may have stopped inside a commit: then the next position is not a commit's _id.
                commitContaining(next).ifPresent(commit -> found.put(next, commit));
            }
        }
        boolean atHead = false;
        Long position = wanted.isEmpty() ? null : wanted.first();
        while (position != null) {
            Document commit = found.get(position);
            if (commit == null) {
                if (head < 0) {
                    head = nextUnreservedPosition();
                }
                if (position >= head) {
                    atHead = true;
                    break;
                }
                commit = closeIfAbandoned(position);
                if (commit == null) {
                    position = wanted.higher(position);
                    continue;
                }
            }
            gapFirstSeenMillis.remove(position);
            long last = commit.getLong("last");
            if (commit.containsKey("void")) {
                for (long covered = position; covered <= last; covered++) {
                    token = notYetSeen(token, covered) ? token.advanceTo(covered, Integer.MAX_VALUE) : token;
                }
            } else {
                // Each event gets the token up to its own position, so a processor whose batch ends inside a commit
                // stores a token that claims only what it handled, and resumes at the commit's next event.
                // The commit may start before the position asked for, when the processor stopped inside it.
                long firstPosition = commit.getLong("_id");
                List<Document> events = commit.getList("events", Document.class);
                for (int i = 0; i < events.size(); i++) {
                    long eventPosition = firstPosition + i;
                    if (notYetSeen(token, eventPosition)) {
                        token = token.advanceTo(eventPosition, Integer.MAX_VALUE);
                        result.add(tracked(token, events.get(i), eventPosition));
                    }
                }
            }
            position = wanted.higher(last);
        }
        return new WindowEnd(token, atHead);
    }

    private static boolean notYetSeen(GapAwareTrackingToken token, long position) {
        return position > token.getIndex() || token.getGaps().contains(position);
    }

    /** The commit whose positions include {@code position} without starting there, probed backwards by {@code _id}. */
    private Optional<Document> commitContaining(long position) {
        long window = 64;
        long high = position - 1;
        while (high >= 0) {
            long low = Math.max(0, high - window + 1);
            List<Long> keys = new ArrayList<>();
            for (long candidate = low; candidate <= high; candidate++) {
                keys.add(candidate);
            }
            Document nearest = null;
            for (int chunk = 0; chunk < keys.size(); chunk += IN_CHUNK) {
                List<Long> slice = keys.subList(chunk, Math.min(keys.size(), chunk + IN_CHUNK));
                for (Document commit : commits.find(in("_id", slice))) {
                    if (nearest == null || commit.getLong("_id") > nearest.getLong("_id")) {
                        nearest = commit;
                    }
                }
            }
            if (nearest != null) {
                return nearest.getLong("last") >= position ? Optional.of(nearest) : Optional.empty();
            }
            high = low - 1;
            window *= 8;
        }
        return Optional.empty();
    }

    /**
     * A reserved position still empty after the gap timeout is closed with a void document. If the late commit wins the
     * race for the {@code _id}, it is returned and delivered instead.
     */
    private Document closeIfAbandoned(long position) {
        long now = clock.millis();
        long firstSeen = gapFirstSeenMillis.computeIfAbsent(position, p -> now);
        if (now - firstSeen < gapTimeout.toMillis()) {
            return null;
        }
        Document closing = voidDocument(position, position, "abandoned");
        try {
            commits.insertOne(closing);
            gapFirstSeenMillis.remove(position);
            return closing;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                return null;
            }
            gapFirstSeenMillis.remove(position);
            return commits.find(eq("_id", position)).first();
        }
    }

    private long nextUnreservedPosition() {
        Document counter = counters.find(eq("_id", COUNTER_ID)).first();
        return counter == null ? 0 : counter.get("next", Number.class).longValue();
    }

    private TrackedEventData<?> tracked(TrackingToken token, Document event, long position) {
        StoredEvents.Content content = content(event, position);
        String aggregateId = event.getString("aggregateId");
        if (aggregateId == null) {
            return new StoredEvents.Tracked(token, content);
        }
        return new TrackedDomainEventData<>(token, new StoredEvents.Domain(event.getString("aggregateType"), aggregateId,
                event.getLong("seq"), content));
    }

    private static GapAwareTrackingToken asGapAware(TrackingToken token) {
        if (token == null) {
            return GapAwareTrackingToken.newInstance(-1, List.of());
        }
        if (token instanceof GapAwareTrackingToken gapAware) {
            return gapAware;
        }
        throw new IllegalArgumentException("MongoEventStorageEngine tracks with GapAwareTrackingToken, not " + token.getClass());
    }

    @Override
    public TrackingToken createTailToken() {
        return null;
    }

    /**
     * The highest written position, with every position below it that is reserved but not written yet as a gap: position
     * blocks keep positions reserved for a while, and a processor starting here must still receive the commits that land
     * in them. Reserved positions above the highest written one are simply ahead of the token.
     */
    @Override
    public TrackingToken createHeadToken() {
        long head = nextUnreservedPosition();
        if (head == 0) {
            return null;
        }
        long from = Math.max(0, head - block.maxSize);
        // Look a little earlier, so that a commit which began before the window still covers its positions in it.
        List<Long> keys = new ArrayList<>();
        for (long position = Math.max(0, from - 64); position < head; position++) {
            keys.add(position);
        }
        TreeSet<Long> written = new TreeSet<>();
        for (int chunk = 0; chunk < keys.size(); chunk += IN_CHUNK) {
            List<Long> slice = keys.subList(chunk, Math.min(keys.size(), chunk + IN_CHUNK));
            for (Document commit : commits.find(in("_id", slice)).projection(Projections.include("last"))) {
                for (long position = commit.getLong("_id"); position <= commit.getLong("last"); position++) {
                    written.add(position);
                }
            }
        }
        long index = written.isEmpty() || written.last() < from ? from - 1 : written.last();
        List<Long> gaps = new ArrayList<>();
        for (long position = from; position < index; position++) {
            if (!written.contains(position)) {
                gaps.add(position);
            }
        }
        return index < 0 ? null : GapAwareTrackingToken.newInstance(index, gaps);
    }

    /**
     * Binary search over positions on commit time. Commits become visible slightly out of order, so the answer is the
     * position of a commit near the instant; the token starts just before it.
     */
    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        long low = 0;
        long high = nextUnreservedPosition() - 1;
        long firstAtOrAfter = high + 1;
        while (low <= high) {
            long middle = (low + high) >>> 1;
            Document commit = firstCommitFrom(middle, high);
            if (commit == null) {
                high = middle - 1;
                continue;
            }
            if (commit.getDate("committedAt").toInstant().isBefore(dateTime)) {
                low = commit.getLong("last") + 1;
            } else {
                firstAtOrAfter = commit.getLong("_id");
                high = middle - 1;
            }
        }
        return firstAtOrAfter == 0 ? null : GapAwareTrackingToken.newInstance(firstAtOrAfter - 1, List.of());
    }

    private Document firstCommitFrom(long from, long limit) {
        List<Long> keys = new ArrayList<>();
        for (long position = from; position <= Math.min(limit, from + 63); position++) {
            keys.add(position);
        }
        Document first = null;
        for (Document commit : commits.find(in("_id", keys))) {
            if (first == null || commit.getLong("_id") < first.getLong("_id")) {
                first = commit;
            }
        }
        return first;
    }

    // ------------------------------------------------------------------ verification

    /**
     * Recomputes an aggregate's hash chain from the stored documents. It reads windows of stream keys until a whole window
     * is empty, so a commit removed from the middle shows up as a hole rather than as the end of the stream.
     */
    public HashChain.Verification verifyStream(String aggregateId) {
        TreeMap<Long, Document[]> found = new TreeMap<>();
        long windowStart = 0;
        int window = 256;
        while (true) {
            List<String> keys = new ArrayList<>(window);
            for (long seq = windowStart; seq < windowStart + window; seq++) {
                keys.add(streamKey(aggregateId, seq));
            }
            boolean any = false;
            for (Document commit : commits.find(in(STREAM_KEY_INDEX, keys))) {
                Optional<Document> segment = segmentOf(commit, aggregateId);
                if (segment.isPresent()) {
                    found.put(segment.get().getLong("firstSeq"), new Document[]{segment.get(), commit});
                    any = true;
                }
            }
            long coveredUpTo = found.isEmpty() ? -1 : found.lastEntry().getValue()[0].getLong("lastSeq");
            if (!any && coveredUpTo < windowStart + window) {
                break;
            }
            windowStart = Math.max(windowStart + window, coveredUpTo + 1);
        }
        List<Document> segments = new ArrayList<>();
        List<List<Document>> segmentEvents = new ArrayList<>();
        for (Document[] pair : found.values()) {
            segments.add(pair[0]);
            segmentEvents.add(pair[1].getList("events", Document.class).stream()
                    .filter(event -> aggregateId.equals(event.getString("aggregateId"))).toList());
        }
        return hashChain.verify(aggregateId, segments, segmentEvents);
    }

    // ------------------------------------------------------------------ helpers

    void stallBetweenReservationAndWrite(Runnable stall) {
        this.betweenReservationAndWrite = stall;
    }

    void stallAfterQueueing(Runnable stall) {
        this.afterQueueing = stall;
    }

    void stallBeforeReadAhead(Runnable stall) {
        this.beforeReadAhead = stall;
    }

    private StoredEvents.Content content(Document event, Long position) {
        JsonNode metaData = BsonJson.toJson(event.get("metaData"));
        if (position != null && metaData instanceof ObjectNode object) {
            object.put(GLOBAL_POSITION, position);
        }
        return new StoredEvents.Content(event.getString("eventId"), event.getDate("timestamp").toInstant(),
                event.getString("payloadType"), event.getString("payloadRevision"), BsonJson.toJson(event.get("payload")),
                metaData);
    }

    static String streamKey(String aggregateId, long sequence) {
        return aggregateId + "#" + sequence;
    }

    /**
     * The part of a commit that belongs to one aggregate, as {@code aggregateId}, {@code aggregateType}, {@code firstSeq},
     * {@code lastSeq}, {@code prevHash} and {@code hash}: listed under {@code streams} when the commit holds several
     * aggregates, otherwise taken from its events and its top-level hashes.
     */
    static Optional<Document> segmentOf(Document commit, String aggregateId) {
        List<Document> streams = commit.getList("streams", Document.class);
        if (streams != null) {
            return streams.stream().filter(segment -> aggregateId.equals(segment.getString("aggregateId"))).findFirst();
        }
        Document first = null;
        Document last = null;
        for (Document event : commit.getList("events", Document.class, List.of())) {
            if (aggregateId.equals(event.getString("aggregateId"))) {
                first = first == null ? event : first;
                last = event;
            }
        }
        if (first == null) {
            return Optional.empty();
        }
        return Optional.of(new Document("aggregateId", aggregateId).append("aggregateType", first.getString("aggregateType"))
                .append("firstSeq", first.getLong("seq")).append("lastSeq", last.getLong("seq"))
                .append("prevHash", commit.getString("prevHash")).append("hash", commit.getString("hash")));
    }

    /** The part of one commit that belongs to one aggregate. */
    private static final class StreamSegment {
        final String aggregateId;
        final String type;
        final long firstSeq;
        /** Encoded as in {@link PendingCommit#events}. */
        final List<byte[]> events = new ArrayList<>();
        long lastSeq;
        String prevHash;
        String hash;

        StreamSegment(String aggregateId, String type, long firstSeq) {
            this.aggregateId = aggregateId;
            this.type = type;
            this.firstSeq = firstSeq;
            this.lastSeq = firstSeq - 1;
        }

        Document toDocument() {
            return new Document("aggregateId", aggregateId).append("aggregateType", type).append("firstSeq", firstSeq)
                    .append("lastSeq", lastSeq).append("prevHash", prevHash).append("hash", hash);
        }
    }

    private static final class PendingCommit {
        /** Each event encoded as BSON, as stored and hashed. */
        final List<byte[]> events;
        final List<StreamSegment> streams;
        final CompletableFuture<Long> result = new CompletableFuture<>();
        /** Taken by a writer; written and read under the writer-role monitor. */
        boolean claimed;
        long firstPosition = -1;

        PendingCommit(List<byte[]> events, List<StreamSegment> streams) {
            this.events = events;
            this.streams = streams;
        }

        /**
         * The commit document, encoded here so that the driver only copies it: its events are already BSON, and encoding
         * the envelope through a {@code Document} cost the driver's codec lookups more than the whole envelope costs here.
         * A commit of one aggregate, as nearly all are, keeps its stream key as a string and its hashes at the top:
         * mongo-java-server indexes an array value by its multikey path (about 10 µs of a 70 µs insert) and every
         * nested document costs it more to decode, store and collect. A commit of several aggregates lists them.
         */
        RawBsonDocument toDocument(long committedAt) {
            int size = 256;
            for (byte[] event : events) {
                size += event.length;
            }
            BasicOutputBuffer buffer = new BasicOutputBuffer(size);
            try (BsonBinaryWriter writer = new BsonBinaryWriter(buffer)) {
                writer.writeStartDocument();
                writer.writeInt64("_id", firstPosition);
                writer.writeInt64("last", firstPosition + events.size() - 1);
                writer.writeDateTime("committedAt", committedAt);
                if (streams.size() == 1) {
                    StreamSegment stream = streams.get(0);
                    writer.writeString(STREAM_KEY_INDEX, streamKey(stream.aggregateId, stream.firstSeq));
                    writer.writeString("prevHash", stream.prevHash);
                    writer.writeString("hash", stream.hash);
                } else if (streams.size() > 1) {
                    writer.writeStartArray(STREAM_KEY_INDEX);
                    streams.forEach(stream -> writer.writeString(streamKey(stream.aggregateId, stream.firstSeq)));
                    writer.writeEndArray();
                    writer.writeStartArray("streams");
                    streams.forEach(stream -> DOCUMENTS.encode(writer, stream.toDocument(), ENCODING));
                    writer.writeEndArray();
                }
                writer.writeStartArray("events");
                for (byte[] event : events) {
                    writer.pipe(new BsonBinaryReader(ByteBuffer.wrap(event)));
                }
                writer.writeEndArray();
                writer.writeEndDocument();
            }
            return new RawBsonDocument(buffer.getInternalBuffer(), 0, buffer.getPosition());
        }
    }

    /** Recently seen stream ends, so an append usually finds the previous hash without a lookup. */
    private static final class StreamTips {
        private final Map<String, Object[]> tips;

        StreamTips(int capacity) {
            this.tips = java.util.Collections.synchronizedMap(new LinkedHashMap<>(capacity, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Object[]> eldest) {
                    return size() > capacity;
                }
            });
        }

        void advance(String aggregateId, long lastSeq, String hash) {
            tips.merge(aggregateId, new Object[]{lastSeq, hash},
                    (old, candidate) -> (long) old[0] >= (long) candidate[0] ? old : candidate);
        }

        Optional<String> hashAt(String aggregateId, long lastSeq) {
            Object[] tip = tips.get(aggregateId);
            return tip != null && (long) tip[0] == lastSeq ? Optional.of((String) tip[1]) : Optional.empty();
        }
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
