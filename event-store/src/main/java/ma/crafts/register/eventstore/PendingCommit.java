package ma.crafts.register.eventstore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.Serializer;

/** One unit of work's events, encoded and hash-chained, waiting for a group-commit writer to give it positions. */
final class PendingCommit {
    /** Each event encoded as BSON, as stored and hashed. */
    final List<byte[]> events;
    final List<StreamSegment> streams;
    /** The position of the commit's last event once it is stored. */
    final CompletableFuture<Long> result = new CompletableFuture<>();
    /** Taken by a writer; written and read under the writer-role monitor. */
    boolean claimed;
    long firstPosition = -1;
    /**
     * The first position of the commit holding the previous events of this commit's streams (-1 if none): this
     * commit's positions must lie above it, so that tracking, which follows positions, meets each stream's events in
     * sequence order even when another process, reserving from a block of its own, wrote the previous ones.
     */
    long positionsAbove = -1;

    private PendingCommit(List<byte[]> events, List<StreamSegment> streams) {
        this.events = events;
        this.streams = streams;
    }

    /**
     * Serialises, encodes and hash-chains on the caller's thread, so a writer only reserves and inserts. Each event is
     * encoded to BSON once: the hash covers those bytes, and the insert sends them as they are. An event's position is
     * not among them: it is the commit's {@code _id} plus the event's index, known only when the writer reserves it.
     */
    static PendingCommit prepare(List<? extends EventMessage<?>> events, Serializer serializer, HashChain hashChain,
                                 AggregateStreams aggregateStreams) {
        List<byte[]> encodedEvents = new ArrayList<>(events.size());
        Map<String, StreamSegment> streams = new LinkedHashMap<>();
        for (EventMessage<?> event : events) {
            byte[] encoded = CommitDocuments.encodeEvent(event, serializer);
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
        long above = -1;
        for (StreamSegment segment : segments) {
            AggregateStreams.Link link = segment.firstSeq == 0 ? new AggregateStreams.Link(HashChain.GENESIS, -1)
                    : aggregateStreams.linkBefore(segment.aggregateId, segment.firstSeq);
            segment.prevHash = link.hash();
            segment.hash = hashChain.hashEncoded(segment.prevHash, segment.events);
            above = Math.max(above, link.commitPosition());
        }
        PendingCommit commit = new PendingCommit(encodedEvents, segments);
        commit.positionsAbove = above;
        return commit;
    }

    long lastPosition() {
        return firstPosition + events.size() - 1;
    }

    /** What to report when another commit already stored some of these sequences, as the unique index says. */
    RuntimeException conflict(String detail) {
        boolean creation = streams.stream()
                .anyMatch(segment -> segment.firstSeq == 0 && detail.contains(segment.aggregateId + "#0"));
        String message = "Another commit already stored these sequence numbers: " + detail;
        return creation ? new AggregateStreamCreationException(message) : new ConcurrencyException(message);
    }

    /** The part of one commit that belongs to one aggregate. */
    static final class StreamSegment {
        final String aggregateId;
        final String type;
        final long firstSeq;
        /** Encoded as in {@link PendingCommit#events}. */
        final List<byte[]> events = new ArrayList<>();
        long lastSeq;
        String prevHash;
        String hash;

        private StreamSegment(String aggregateId, String type, long firstSeq) {
            this.aggregateId = aggregateId;
            this.type = type;
            this.firstSeq = firstSeq;
            this.lastSeq = firstSeq - 1;
        }
    }
}
