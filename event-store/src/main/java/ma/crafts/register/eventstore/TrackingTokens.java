package ma.crafts.register.eventstore;

import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Projections;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.bson.Document;

/** Where a tracking processor may start: the tail (no token), the head, or the commits near an instant. */
final class TrackingTokens {
    private final MongoCollection<Document> commits;
    private final PositionCounter counter;
    /** How far below the counter a position may still be reserved but not written by some engine's block. */
    private final int maxPositionBlock;

    TrackingTokens(MongoCollection<Document> commits, PositionCounter counter, int maxPositionBlock) {
        this.commits = commits;
        this.counter = counter;
        this.maxPositionBlock = maxPositionBlock;
    }

    static GapAwareTrackingToken gapAware(TrackingToken token) {
        if (token == null) {
            return GapAwareTrackingToken.newInstance(-1, List.of());
        }
        if (token instanceof GapAwareTrackingToken gapAware) {
            return gapAware;
        }
        throw new IllegalArgumentException("MongoEventStorageEngine tracks with GapAwareTrackingToken, not " + token.getClass());
    }

    /**
     * The highest written position, with every position below it that is reserved but not written yet as a gap: position
     * blocks keep positions reserved for a while, and a processor starting here must still receive the commits that land
     * in them. Reserved positions above the highest written one are simply ahead of the token.
     */
    TrackingToken head() {
        long head = counter.nextUnreserved();
        if (head == 0) {
            return null;
        }
        long from = Math.max(0, head - maxPositionBlock);
        // Look a little earlier, so that a commit which began before the window still covers its positions in it.
        List<Long> keys = new ArrayList<>();
        for (long position = Math.max(0, from - 64); position < head; position++) {
            keys.add(position);
        }
        TreeSet<Long> written = new TreeSet<>();
        for (int chunk = 0; chunk < keys.size(); chunk += MongoEventStorageEngine.IN_CHUNK) {
            List<Long> slice = keys.subList(chunk, Math.min(keys.size(), chunk + MongoEventStorageEngine.IN_CHUNK));
            for (Document commit : commits.find(in(CommitDocuments.ID, slice))
                    .projection(Projections.include(CommitDocuments.LAST))) {
                for (long position = commit.getLong(CommitDocuments.ID); position <= commit.getLong(CommitDocuments.LAST);
                     position++) {
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
    TrackingToken at(Instant dateTime) {
        long low = 0;
        long high = counter.nextUnreserved() - 1;
        long firstAtOrAfter = high + 1;
        while (low <= high) {
            long middle = (low + high) >>> 1;
            Document commit = firstCommitFrom(middle, high);
            if (commit == null) {
                high = middle - 1;
                continue;
            }
            if (commit.getDate(CommitDocuments.COMMITTED_AT).toInstant().isBefore(dateTime)) {
                low = commit.getLong(CommitDocuments.LAST) + 1;
            } else {
                firstAtOrAfter = commit.getLong(CommitDocuments.ID);
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
        for (Document commit : commits.find(in(CommitDocuments.ID, keys))) {
            if (first == null || commit.getLong(CommitDocuments.ID) < first.getLong(CommitDocuments.ID)) {
                first = commit;
            }
        }
        return first;
    }
}
