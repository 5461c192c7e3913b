package ma.crafts.register.eventstore;

import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.bson.Document;
import org.bson.RawBsonDocument;

/**
 * Verifies the whole store in one pass over global positions, read by {@code _id $in} windows: every commit's events
 * against its hash, every stream's chain from commit to commit, and every position below the last one read held by a
 * commit or a void (a hole is a removed commit). Memory grows with the number of streams (one head each), never with the
 * number of events; a commit found ahead of its stream's predecessor (retried at later positions) waits in its stream
 * until the predecessor is read. The heads it ends with are what a checkpoint seals. A run can be carried on by another
 * process from what it handed out after a window ({@link Resumption}), so that a restart does not start it over.
 */
public final class StoreVerification {
    /** Breaks kept in a result; the rest are only counted. */
    public static final int BREAKS_KEPT = 100;
    private static final int WINDOW = MongoEventStorageEngine.IN_CHUNK * 5;
    private static final int HOLE_POSITIONS_RECHECKED = 10_000;

    /** Called after each window read, from the verifying thread. */
    public interface Progress {
        void reached(long position, long lastPosition, long eventsChecked);

        /**
         * Asked after each window: whether to hand out where the run stands now. Taking it copies every stream's
         * head, so a caller that keeps it asks for it at an interval, not after every window.
         */
        default boolean wantsResumption() {
            return false;
        }

        /** Where the run stands after a window, for {@link #resume} to carry on from. */
        default void resumable(Resumption state) {
        }
    }

    /** A commit kept while a walk goes on because it was read before its stream's predecessor. */
    public record WaitingCommit(String aggregateId, long firstSeq, long lastSeq, String prevHash, String hash,
                                long position) {
        static WaitingCommit of(Segment segment) {
            return new WaitingCommit(segment.aggregateId(), segment.firstSeq(), segment.lastSeq(), segment.prevHash(),
                    segment.hash(), segment.position());
        }

        Segment segment() {
            return new Segment(aggregateId, firstSeq, lastSeq, prevHash, hash, new Document(CommitDocuments.ID, position));
        }
    }

    /** Positions {@code from} to {@code to} found held by neither a commit nor a void, to be read again at the end. */
    public record Hole(long from, long to) {
    }

    /**
     * Everything a run knows after the windows below {@code nextWindow}: where it stops, where it has read up to, its
     * counts, the breaks and holes found, every stream's head and the commits waiting for their predecessor.
     */
    public record Resumption(long lastPosition, long nextWindow, long nextPosition, long commits, long events,
                             long breakCount, List<ChainBreak> breaks, List<Hole> holes, List<StreamHeads.Head> heads,
                             List<WaitingCommit> waiting) {
    }

    /**
     * @param lastPosition the last position held by a commit or void read (-1 for an empty store): positions reserved
     *                     above it while the run went on are left to the next run
     * @param breakCount   every break found; {@code breaks} holds the first {@link #BREAKS_KEPT} in the order found
     */
    public record Result(long lastPosition, long commits, long events, List<StreamHeads.Head> heads,
                         List<ChainBreak> breaks, long breakCount) {
        public boolean valid() {
            return breakCount == 0;
        }
    }

    private final MongoCollection<RawBsonDocument> commits;
    private final PositionCounter counter;
    private final HashChain hashChain;

    StoreVerification(MongoCollection<Document> commits, PositionCounter counter, HashChain hashChain) {
        this.commits = commits.withDocumentClass(RawBsonDocument.class);
        this.counter = counter;
        this.hashChain = hashChain;
    }

    /** Verifies every commit whose first position is at or below {@code upTo} (or the head, if lower). */
    public Result run(long upTo, Progress progress) {
        return new Run(Math.min(upTo, counter.nextUnreserved() - 1), progress).walk();
    }

    /** Carries on a run from where it stood when it handed {@code from} out, up to the same last position. */
    public Result resume(Resumption from, Progress progress) {
        return new Run(from, progress).walk();
    }

    /** The commits at these positions, in position order, each event with the bytes its hash is checked against. */
    private List<Document> commitsAt(long from, long to) {
        List<Document> found = new ArrayList<>();
        List<Long> ids = new ArrayList<>(MongoEventStorageEngine.IN_CHUNK);
        for (long position = from; position <= to; position++) {
            ids.add(position);
            if (ids.size() == MongoEventStorageEngine.IN_CHUNK || position == to) {
                for (RawBsonDocument commit : commits.find(in(CommitDocuments.ID, ids))) {
                    found.add(EncodedEvent.commitOf(commit));
                }
                ids.clear();
            }
        }
        found.sort(Comparator.comparingLong(commit -> commit.get(CommitDocuments.ID, Number.class).longValue()));
        return found;
    }

    /** One stream's head so far, and its commits read ahead of their predecessor. */
    private static final class StreamState {
        long lastSeq = -1;
        String hash = HashChain.GENESIS;
        TreeMap<Long, Segment> waiting;
    }

    private final class Run {
        private final long lastPosition;
        private final Progress progress;
        private final Map<String, StreamState> streams = new HashMap<>();
        private final List<ChainBreak> breaks = new ArrayList<>();
        private final List<Hole> holes = new ArrayList<>();
        private long breakCount;
        private long commitCount;
        private long events;
        private long firstWindow;
        private long next;

        Run(long lastPosition, Progress progress) {
            this.lastPosition = lastPosition;
            this.progress = progress;
        }

        Run(Resumption from, Progress progress) {
            this(from.lastPosition(), progress);
            firstWindow = from.nextWindow();
            next = from.nextPosition();
            commitCount = from.commits();
            events = from.events();
            breakCount = from.breakCount();
            breaks.addAll(from.breaks());
            holes.addAll(from.holes());
            from.heads().forEach(head -> {
                StreamState state = new StreamState();
                state.lastSeq = head.lastSequence();
                state.hash = head.hash();
                streams.put(head.aggregateId(), state);
            });
            from.waiting().forEach(commit -> {
                StreamState state = streams.computeIfAbsent(commit.aggregateId(), id -> new StreamState());
                if (state.waiting == null) {
                    state.waiting = new TreeMap<>();
                }
                state.waiting.put(commit.firstSeq(), commit.segment());
            });
        }

        /**
         * Windows follow each other whatever they hold (a commit reaching past a window's end only makes the next
         * window find nothing at those positions), so the next one is read on another thread while this one is hashed.
         */
        Result walk() {
            ExecutorService reader = DaemonThreads.pool("store-verification-read-ahead");
            try {
                return walk(reader);
            } finally {
                reader.shutdownNow();
            }
        }

        private Result walk(ExecutorService reader) {
            Future<List<Document>> ahead = readAhead(reader, firstWindow);
            for (long probe = firstWindow; probe <= lastPosition; probe += WINDOW) {
                long windowEnd = Math.min(lastPosition, probe + WINDOW - 1);
                List<Document> window = await(ahead);
                ahead = readAhead(reader, probe + WINDOW);
                for (Document document : window) {
                    long id = document.get(CommitDocuments.ID, Number.class).longValue();
                    if (id > next) {
                        holes.add(new Hole(next, id - 1));
                    } else if (id < next) {
                        report(new ChainBreak(null, null, id, ChainBreak.Kind.INSERTED,
                                "the document at position " + id + " overlaps positions a commit before it holds"));
                    }
                    visit(document);
                    next = Math.max(next, lastPositionOf(document) + 1);
                }
                progress.reached(windowEnd, lastPosition, events);
                if (windowEnd < lastPosition && progress.wantsResumption()) {
                    progress.resumable(resumption(probe + WINDOW));
                }
            }
            recheckHoles();
            streams.forEach(this::linkWaiting);
            List<StreamHeads.Head> heads = new ArrayList<>(streams.size());
            streams.forEach((id, state) -> heads.add(new StreamHeads.Head(id, state.lastSeq, state.hash)));
            return new Result(next - 1, commitCount, events, StreamHeads.canonicalOrder(heads), List.copyOf(breaks),
                    breakCount);
        }

        private Resumption resumption(long nextWindow) {
            List<StreamHeads.Head> heads = new ArrayList<>(streams.size());
            List<WaitingCommit> waiting = new ArrayList<>();
            streams.forEach((id, state) -> {
                if (state.lastSeq >= 0) {
                    heads.add(new StreamHeads.Head(id, state.lastSeq, state.hash));
                }
                if (state.waiting != null) {
                    state.waiting.values().forEach(segment -> waiting.add(WaitingCommit.of(segment)));
                }
            });
            return new Resumption(lastPosition, nextWindow, next, commitCount, events, breakCount, List.copyOf(breaks),
                    List.copyOf(holes), heads, waiting);
        }

        private Future<List<Document>> readAhead(ExecutorService reader, long from) {
            if (from > lastPosition) {
                return CompletableFuture.completedFuture(List.of());
            }
            return reader.submit(() -> commitsAt(from, Math.min(lastPosition, from + WINDOW - 1)));
        }

        private static List<Document> await(Future<List<Document>> window) {
            try {
                return window.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while verifying the store", e);
            }
        }

        /**
         * Positions found empty are read once more: a writer may have reserved them before the walk and written them
         * while it went on (a late commit, see GUARANTEES.md §1). What is still empty was removed.
         */
        private void recheckHoles() {
            long budget = HOLE_POSITIONS_RECHECKED;
            for (Hole hole : holes) {
                long to = Math.min(hole.to(), hole.from() + budget - 1);
                long covered = hole.from();
                if (budget > 0) {
                    budget -= to - hole.from() + 1;
                    for (Document late : commitsAt(hole.from(), to)) {
                        if (late.get(CommitDocuments.ID, Number.class).longValue() == covered) {
                            visit(late);
                            covered = lastPositionOf(late) + 1;
                        }
                    }
                }
                if (covered <= hole.to()) {
                    report(new ChainBreak(null, null, covered, ChainBreak.Kind.POSITIONS_MISSING, "positions " + covered
                            + " to " + hole.to() + " hold neither a commit nor a void: a commit was removed"));
                }
            }
        }

        private void visit(Document commit) {
            if (commit.containsKey(CommitDocuments.VOID)) {
                return;
            }
            commitCount++;
            List<Document> stored = commit.getList(CommitDocuments.EVENTS, Document.class, List.of());
            events += stored.size();
            List<Segment> segments = CommitDocuments.segmentsOf(commit);
            Set<String> listed = new HashSet<>();
            segments.forEach(segment -> listed.add(segment.aggregateId()));
            stored.stream().map(event -> event.getString(CommitDocuments.AGGREGATE_ID))
                    .filter(aggregateId -> aggregateId != null && !listed.contains(aggregateId)).distinct()
                    .forEach(stranger -> report(new ChainBreak(stranger, null, commit.get(CommitDocuments.ID, Number.class)
                            .longValue(), ChainBreak.Kind.INSERTED, "the commit at position " + commit.get(CommitDocuments.ID)
                            + " holds events of " + stranger + ", a stream it does not list")));
            for (Segment segment : segments) {
                hashChain.commitBreaks(segment).forEach(this::report);
                link(segment.withoutEvents());
            }
        }

        private void link(Segment segment) {
            StreamState state = streams.computeIfAbsent(segment.aggregateId(), id -> new StreamState());
            if (segment.firstSeq() > state.lastSeq + 1) {
                if (state.waiting == null) {
                    state.waiting = new TreeMap<>();
                }
                state.waiting.put(segment.firstSeq(), segment);
                return;
            }
            follow(state, segment);
            while (state.waiting != null && !state.waiting.isEmpty()
                    && state.waiting.firstKey() <= state.lastSeq + 1) {
                follow(state, state.waiting.pollFirstEntry().getValue());
            }
        }

        /** Commits still waiting when the walk ends follow a hole in their stream, reported as such. */
        private void linkWaiting(String aggregateId, StreamState state) {
            if (state.waiting != null) {
                for (Segment segment : state.waiting.values()) {
                    follow(state, segment);
                }
                state.waiting = null;
            }
        }

        private void follow(StreamState state, Segment segment) {
            hashChain.linkBreaks(segment, state.lastSeq + 1, state.hash).forEach(this::report);
            if (segment.lastSeq() > state.lastSeq) {
                state.lastSeq = segment.lastSeq();
                state.hash = segment.hash();
            }
        }

        private void report(ChainBreak found) {
            breakCount++;
            if (breaks.size() < BREAKS_KEPT) {
                breaks.add(found);
            }
        }
    }

    private static long lastPositionOf(Document document) {
        Number last = document.get(CommitDocuments.LAST, Number.class);
        if (last != null) {
            return last.longValue();
        }
        long id = document.get(CommitDocuments.ID, Number.class).longValue();
        return id + document.getList(CommitDocuments.EVENTS, Document.class, List.of()).size() - 1;
    }
}
