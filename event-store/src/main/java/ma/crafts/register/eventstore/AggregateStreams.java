package ma.crafts.register.eventstore;

import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.modelling.command.ConcurrencyException;
import org.bson.Document;

/**
 * One aggregate's commits, found by their stream keys ({@code aggregateId#firstSequence}) with {@code $in} lookups on
 * the unique index that also guards appends against concurrent writers. Every segment loaded here updates the stream
 * tips; {@link #lastSequence} reads the primary's latest data instead and feeds nothing.
 */
final class AggregateStreams {
    private final MongoCollection<Document> commits;
    private final MongoCollection<Document> latestCommits;
    private final StreamTips streamTips;

    AggregateStreams(MongoCollection<Document> commits, StreamTips streamTips) {
        this.commits = commits;
        this.latestCommits = LatestOnPrimary.view(commits);
        this.streamTips = streamTips;
    }

    void ensureIndex() {
        commits.createIndex(Indexes.ascending(CommitDocuments.STREAM_KEYS),
                new IndexOptions().unique(true).sparse(true).name(CommitDocuments.STREAM_KEYS + "_1"));
    }

    Stream<DomainEventData<?>> read(String aggregateId, long firstSequenceNumber) {
        StreamWalk walk = new StreamWalk(aggregateId, firstSequenceNumber, true);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(walk, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /**
     * @return the last sequence at or after {@code from} that may be stored, including commits the primary holds and a
     * majority has not confirmed, or -1 if none
     */
    long lastSequence(String aggregateId, long from) {
        StreamWalk walk = new StreamWalk(aggregateId, from, false);
        walk.drain();
        return walk.lastSeenSequence;
    }

    /**
     * The hash a commit starting at {@code firstSeq} links to: the stream tip's if cached, else the stored segment's that
     * ends just before it, else {@link HashChain#UNLINKED}.
     *
     * @throws ConcurrencyException if a stored commit already holds {@code firstSeq}
     */
    Link linkBefore(String aggregateId, long firstSeq) {
        Optional<Link> cached = streamTips.linkAt(aggregateId, firstSeq - 1);
        if (cached.isPresent()) {
            return cached.get();
        }
        Optional<Segment> previous = nearestSegmentAtOrBefore(commits, aggregateId, firstSeq - 1, false);
        if (previous.isPresent() && previous.get().lastSeq() >= firstSeq) {
            // Only the first sequence of each commit is a unique key; a stale caller's commit starting inside another
            // commit's part of the stream would otherwise be stored beside it.
            throw new ConcurrencyException("Sequence " + firstSeq + " of aggregate " + aggregateId
                    + " is already stored, in the commit holding sequences " + previous.get().firstSeq() + " to "
                    + previous.get().lastSeq());
        }
        return previous.filter(segment -> segment.lastSeq() == firstSeq - 1)
                .map(segment -> new Link(segment.hash(), segment.position()))
                .orElse(new Link(HashChain.UNLINKED, -1));
    }

    /**
     * Where a stream's next commit links on: the hash of the stream so far, and the first position of the commit that
     * holds its last event (-1 when none was found), above which the next commit's positions must lie.
     */
    record Link(String hash, long commitPosition) {
    }

    /**
     * Every segment of the aggregate's stream, with events, in sequence order, as the commits' envelopes state them. It reads windows of stream keys until a
     * whole window is empty, so a commit removed from the middle shows up as a hole rather than as the end of the stream.
     */
    List<Segment> allSegments(String aggregateId) {
        TreeMap<Long, Segment> found = new TreeMap<>();
        long windowStart = 0;
        int window = 256;
        while (true) {
            boolean any = false;
            for (Document commit : commitsHolding(commits, aggregateId, windowStart, windowStart + window - 1, true)) {
                for (Segment segment : CommitDocuments.segmentsOf(commit)) {
                    if (segment.aggregateId().equals(aggregateId)) {
                        found.put(segment.firstSeq(), segment);
                        any = true;
                    }
                }
            }
            long coveredUpTo = found.isEmpty() ? -1 : found.lastEntry().getValue().lastSeq();
            if (!any && coveredUpTo < windowStart + window) {
                break;
            }
            windowStart = Math.max(windowStart + window, coveredUpTo + 1);
        }
        return new ArrayList<>(found.values());
    }

    /**
     * The segment of the aggregate's stream with the highest first sequence at or before {@code seq}, found by probing
     * stream keys backwards in widening windows. Segments do not overlap, so it contains {@code seq} if any segment does.
     */
    private Optional<Segment> nearestSegmentAtOrBefore(MongoCollection<Document> source, String aggregateId, long seq,
                                                       boolean withEvents) {
        long window = 16;
        long high = seq;
        while (high >= 0) {
            long low = Math.max(0, high - window + 1);
            Segment best = null;
            for (Document commit : commitsHolding(source, aggregateId, low, high, withEvents)) {
                Optional<Segment> segment = CommitDocuments.segmentOf(commit, aggregateId);
                if (segment.isPresent()) {
                    long first = segment.get().firstSeq();
                    if (first <= seq && (best == null || first > best.firstSeq())) {
                        best = segment.get();
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

    /** The commits holding a segment of the aggregate that starts between {@code low} and {@code high}, inclusive. */
    private Iterable<Document> commitsHolding(MongoCollection<Document> source, String aggregateId, long low, long high,
                                              boolean withEvents) {
        List<String> keys = new ArrayList<>((int) (high - low + 1));
        for (long seq = low; seq <= high; seq++) {
            keys.add(CommitDocuments.streamKey(aggregateId, seq));
        }
        FindIterable<Document> query = source.find(in(CommitDocuments.STREAM_KEYS, keys));
        return withEvents ? query : query.projection(CommitDocuments.SEGMENT_FIELDS);
    }

    /**
     * Reads one aggregate's commits in sequence order with {@code $in} lookups on their stream keys, doubling the batch
     * each round. The first round also looks a few keys back, because the first wanted sequence may sit inside a commit
     * that started earlier (after a snapshot, say). A walk with events loads majority-committed data and feeds the
     * stream tips; one without only finds how far the stream may reach, on the primary's latest data, which a rollback
     * could still take back and so must not become a tip.
     */
    private final class StreamWalk implements Iterator<DomainEventData<?>> {
        private final String aggregateId;
        private final long firstWanted;
        private final boolean withEvents;
        private final MongoCollection<Document> source;
        private final ArrayDeque<DomainEventData<?>> buffer = new ArrayDeque<>();
        private long next;
        private int batch = 8;
        private boolean exhausted;
        private long lastSeenSequence = -1;

        StreamWalk(String aggregateId, long firstWanted, boolean withEvents) {
            this.aggregateId = aggregateId;
            this.firstWanted = Math.max(0, firstWanted);
            this.withEvents = withEvents;
            this.source = withEvents ? commits : latestCommits;
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
                throw new NoSuchElementException();
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
            NavigableMap<Long, Segment> segments = new TreeMap<>();
            for (Document commit : commitsHolding(source, aggregateId, low, high, withEvents)) {
                Optional<Segment> segment = CommitDocuments.segmentOf(commit, aggregateId);
                if (segment.isPresent()) {
                    segments.put(segment.get().firstSeq(), segment.get());
                    if (withEvents) {
                        streamTips.advance(aggregateId, segment.get().lastSeq(), segment.get().hash(),
                                segment.get().position());
                    }
                }
            }
            if (firstRound && next > 0 && segments.floorEntry(next) == null) {
                // The wanted sequence may sit inside a commit that starts before the look-back window.
                nearestSegmentAtOrBefore(source, aggregateId, next, withEvents)
                        .ifPresent(found -> segments.put(found.firstSeq(), found));
            }
            Map.Entry<Long, Segment> containing = segments.floorEntry(next);
            while (containing != null && containing.getValue().lastSeq() >= next) {
                lastSeenSequence = containing.getValue().lastSeq();
                if (withEvents) {
                    emit(containing.getValue().commit());
                }
                next = lastSeenSequence + 1;
                containing = segments.floorEntry(next);
            }
            exhausted = next <= high;
            batch = Math.min(batch * 2, 256);
        }

        private void emit(Document commit) {
            long firstPosition = commit.getLong(CommitDocuments.ID);
            List<Document> events = commit.getList(CommitDocuments.EVENTS, Document.class);
            for (int i = 0; i < events.size(); i++) {
                Document event = events.get(i);
                if (aggregateId.equals(event.getString(CommitDocuments.AGGREGATE_ID))
                        && event.getLong(CommitDocuments.SEQ) >= firstWanted) {
                    buffer.add(CommitDocuments.domainEvent(event, aggregateId, firstPosition + i));
                }
            }
        }
    }
}
