package ma.crafts.register.eventstore;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.bson.Document;

/**
 * Reads the store in global order for tracking processors, by {@code _id} with {@code $in}: the token's gaps and the
 * next positions, window after window. A reserved position still empty after the gap timeout is closed with a void.
 */
final class TrackingReader {
    /** Daemon threads, shared by every engine in the JVM, that read the next tracking window while one is handled. */
    private static final ExecutorService READ_AHEAD = DaemonThreads.pool("event-store-read-ahead");

    private final MongoCollection<Document> commits;
    private final PositionCounter counter;
    private final Voids voids;
    private final Clock clock;
    private final int trackingBatchSize;
    private final Duration gapTimeout;
    private final Map<Long, Long> gapFirstSeenMillis = new ConcurrentHashMap<>();
    /** Where a tracking stream is about to read its next window ahead; contract tests hook in here. */
    private volatile Runnable beforeReadAhead = () -> {
    };

    TrackingReader(MongoCollection<Document> commits, PositionCounter counter, Voids voids, Clock clock,
                   int trackingBatchSize, Duration gapTimeout) {
        this.commits = commits;
        this.counter = counter;
        this.voids = voids;
        this.clock = clock;
        this.trackingBatchSize = trackingBatchSize;
        this.gapTimeout = gapTimeout;
    }

    /**
     * A lazy stream over consecutive fetch windows that ends once a window reaches the positions nobody has reserved yet.
     * While the caller handles one window, the next is read and decoded on a read-ahead thread, so a replaying processor
     * does not wait for the store between batches. A window read ahead is as good as one read on demand a moment later:
     * positions that were still empty stay gaps in its token and are asked for again by the next window.
     */
    Stream<TrackedEventData<?>> read(GapAwareTrackingToken from) {
        WindowStream windows = new WindowStream(from);
        return StreamSupport.stream(windows, false).onClose(windows::close);
    }

    void stallBeforeReadAhead(Runnable stall) {
        this.beforeReadAhead = stall;
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
        for (int from = 0; from < keys.size(); from += MongoEventStorageEngine.IN_CHUNK) {
            List<Long> slice = keys.subList(from, Math.min(keys.size(), from + MongoEventStorageEngine.IN_CHUNK));
            for (Document commit : commits.find(in(CommitDocuments.ID, slice)).projection(CommitDocuments.TRACKED_FIELDS)) {
                found.put(commit.getLong(CommitDocuments.ID), commit);
            }
        }
        long next = token.getIndex() + 1;
        long head = -1;
        if (token.getIndex() >= 0 && !found.containsKey(next)) {
            head = counter.nextUnreserved();
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
                    head = counter.nextUnreserved();
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
            long last = commit.getLong(CommitDocuments.LAST);
            if (commit.containsKey(CommitDocuments.VOID)) {
                for (long covered = position; covered <= last; covered++) {
                    token = notYetSeen(token, covered) ? token.advanceTo(covered, Integer.MAX_VALUE) : token;
                }
            } else {
                // Each event gets the token up to its own position, so a processor whose batch ends inside a commit
                // stores a token that claims only what it handled, and resumes at the commit's next event.
                // The commit may start before the position asked for, when the processor stopped inside it.
                long firstPosition = commit.getLong(CommitDocuments.ID);
                List<Document> events = commit.getList(CommitDocuments.EVENTS, Document.class);
                for (int i = 0; i < events.size(); i++) {
                    long eventPosition = firstPosition + i;
                    if (notYetSeen(token, eventPosition)) {
                        token = token.advanceTo(eventPosition, Integer.MAX_VALUE);
                        result.add(CommitDocuments.trackedEvent(token, events.get(i), eventPosition));
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
            for (int chunk = 0; chunk < keys.size(); chunk += MongoEventStorageEngine.IN_CHUNK) {
                List<Long> slice = keys.subList(chunk, Math.min(keys.size(), chunk + MongoEventStorageEngine.IN_CHUNK));
                for (Document commit : commits.find(in(CommitDocuments.ID, slice))) {
                    if (nearest == null || commit.getLong(CommitDocuments.ID) > nearest.getLong(CommitDocuments.ID)) {
                        nearest = commit;
                    }
                }
            }
            if (nearest != null) {
                return nearest.getLong(CommitDocuments.LAST) >= position ? Optional.of(nearest) : Optional.empty();
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
        Document closing = voids.of(position, position, "abandoned");
        try {
            commits.insertOne(closing);
            gapFirstSeenMillis.remove(position);
            return closing;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                return null;
            }
            gapFirstSeenMillis.remove(position);
            return commits.find(eq(CommitDocuments.ID, position)).first();
        }
    }
}
