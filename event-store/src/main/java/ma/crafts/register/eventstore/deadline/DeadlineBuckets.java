package ma.crafts.register.eventstore.deadline;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The due-time index of the deadline store.
 * <ul>
 *   <li>{@code deadline_buckets}: one document per minute, {@code _id} = minutes since the epoch, {@code ids} = the
 *   deadlines to look at in that minute. Read and written by {@code _id} only.</li>
 *   <li>{@code deadline_floor}: a single document; every bucket below its {@code minute} is empty. Kept in a
 *   collection of its own because moving it is a compare-and-set on {@code version}, and mongo-java-server answers
 *   any filter other than a bare {@code _id} by scanning the collection: here that is one document.</li>
 * </ul>
 * The poller reads the floor, then the buckets from the floor up to the current minute by {@code _id}, so the cost of a
 * poll does not depend on how many deadlines wait in the future.
 *
 * <p>Why the floor never skips a deadline: every filing writes the bucket first and then bumps the floor's
 * {@code version} (lowering {@code minute} with {@code $min} if the bucket lies below it). A poller that read a bucket
 * as empty therefore cannot move the floor past a deadline filed there meanwhile: either its read saw the deadline, or
 * the version changed and its compare-and-set fails.
 *
 * <p>Empty buckets are deleted once the floor is a day past them. A filing never goes more than one minute below the
 * floor it has just read (a past-due deadline is filed just below the floor instead of in its own old minute, which
 * changes nothing about when it fires), so only a filing stalled for a day could still be aiming at such a bucket.
 */
final class DeadlineBuckets {
    static final String FLOOR_ID = "floor";
    /** Buckets this far below the floor are deleted. */
    static final long DELETE_AFTER_MINUTES = 24 * 60;

    /** A snapshot of the floor: every bucket below {@code minute} was empty when it was moved there. */
    record Floor(long minute, long version) {
    }

    private final MongoCollection<Document> buckets;
    private final MongoCollection<Document> floors;

    DeadlineBuckets(MongoCollection<Document> buckets, MongoCollection<Document> floors) {
        this.buckets = buckets;
        this.floors = floors;
    }

    static long minuteOf(Instant instant) {
        return Math.floorDiv(instant.toEpochMilli(), 60_000L);
    }

    /**
     * The bucket to file a deadline due at {@code minute} in: its own, or just below the floor if that is later. The
     * floor is at most one minute past the present, so only a deadline already due needs to read it.
     */
    long bucketFor(long minute, long currentMinute) {
        if (minute >= currentMinute) {
            return minute;
        }
        Floor floor = floor();
        return floor == null ? minute : Math.max(minute, floor.minute() - 1);
    }

    /** Files {@code deadlineId} under {@code bucket} (from {@link #bucketFor}); call once the deadline is stored. */
    void add(long bucket, String deadlineId) {
        upsert(buckets, eq("_id", bucket), Updates.addToSet("ids", deadlineId));
        upsert(floors, eq("_id", FLOOR_ID), Updates.combine(Updates.min("minute", bucket), Updates.inc("version", 1L)));
    }

    void remove(long bucket, String deadlineId) {
        buckets.updateOne(eq("_id", bucket), Updates.pull("ids", deadlineId));
    }

    Floor floor() {
        Document floor = floors.find(eq("_id", FLOOR_ID)).first();
        if (floor == null) {
            return null;
        }
        return new Floor(((Number) floor.get("minute")).longValue(), ((Number) floor.get("version")).longValue());
    }

    /** The non-empty buckets in {@code [from, to]}, read by {@code _id}, in minute order. */
    NavigableMap<Long, List<String>> read(long from, long to) {
        NavigableMap<Long, List<String>> result = new TreeMap<>();
        for (Document bucket : buckets.find(in("_id", range(from, to + 1)))) {
            List<String> ids = bucket.getList("ids", String.class, List.of());
            if (!ids.isEmpty()) {
                result.put(((Number) bucket.get("_id")).longValue(), ids);
            }
        }
        return result;
    }

    /**
     * Moves the floor up to {@code minute} unless a deadline was filed since {@code seen} was read.
     *
     * @return whether the floor moved
     */
    boolean advance(Floor seen, long minute) {
        if (minute <= seen.minute()) {
            return false;
        }
        boolean moved = floors.updateOne(and(eq("_id", FLOOR_ID), eq("version", seen.version())),
                Updates.set("minute", minute)).getModifiedCount() == 1;
        if (moved) {
            buckets.deleteMany(in("_id", range(seen.minute() - DELETE_AFTER_MINUTES, minute - DELETE_AFTER_MINUTES)));
        }
        return moved;
    }

    private static List<Long> range(long fromInclusive, long toExclusive) {
        List<Long> minutes = new ArrayList<>();
        for (long minute = fromInclusive; minute < toExclusive; minute++) {
            minutes.add(minute);
        }
        return minutes;
    }

    /** Two nodes upserting the same new document may both try the insert; the loser retries as an update. */
    static void upsert(MongoCollection<Document> collection, Bson filter, Bson update) {
        for (int attempt = 1; ; attempt++) {
            try {
                collection.updateOne(filter, update, new UpdateOptions().upsert(true));
                return;
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY || attempt >= 5) {
                    throw e;
                }
            }
        }
    }
}
