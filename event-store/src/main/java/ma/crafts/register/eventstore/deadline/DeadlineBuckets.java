package ma.crafts.register.eventstore.deadline;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Supplier;
import ma.crafts.register.eventstore.ScansAccepted;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The due-time index of the deadline store. Every document stays small whatever the number of deadlines due in one
 * minute (all the cards issued on one day expire in the same minute): mongo-java-server re-encodes a whole document on
 * every update, and a real server caps documents at 16 MB.
 * <ul>
 *   <li>{@code deadline_buckets}: one document per minute that holds deadlines, {@code _id} = minutes since the epoch,
 *   {@code filed} = how many entries were filed in it. Filing takes the next entry number with {@code $inc}
 *   (returning the document <em>before</em>, which the embedded server keeps atomic), so concurrent filings get
 *   distinct numbers.</li>
 *   <li>{@code deadline_bucket_pages}: entry number {@code n} of minute {@code m} goes to page {@code n / PAGE_SIZE},
 *   {@code _id = "m/page"}, {@code ids} = schedule ids. A page never holds more than {@value #PAGE_SIZE}.</li>
 *   <li>{@code deadline_floor}: a single document; every bucket below its {@code minute} is empty. Kept in a
 *   collection of its own because moving it is a compare-and-set on {@code version}, and mongo-java-server answers
 *   any filter other than a bare {@code _id} by scanning the collection: here that is one document.</li>
 * </ul>
 * The poller reads the floor, then the buckets from the floor up to the current minute and their pages, all by
 * {@code _id}, so the cost of a poll does not depend on how many deadlines wait in the future.
 *
 * <p>Why the floor never skips a deadline: every filing writes its page first and then bumps the floor's
 * {@code version} (lowering {@code minute} with {@code $min} if the bucket lies below it). A poller that read a bucket
 * as empty therefore cannot move the floor past a deadline filed there meanwhile: either its read saw the deadline, or
 * the version changed and its compare-and-set fails, or the filing's {@code $min} brings the floor back down. An entry
 * number taken by a filing that died before writing its page is simply never used.
 *
 * <p>Buckets and their pages are deleted once the floor is a day past them. A filing never goes more than one minute
 * below the floor it has just read (a past-due deadline is filed just below the floor instead of in its own old minute,
 * which changes nothing about when it fires), so only a filing stalled for a day could still be aiming at such a
 * bucket.
 */
final class DeadlineBuckets {
    static final String FLOOR_ID = "floor";
    /** Buckets this far below the floor are deleted. */
    static final long DELETE_AFTER_MINUTES = 24 * 60;
    /** Schedule ids per page: about 10 KB of ids. */
    static final int PAGE_SIZE = 256;
    private static final String FILED = "filed";
    /** mongo-java-server checks every document of an {@code $in} answer against the whole list: keep lists short. */
    private static final int IN_SLICE = 256;

    /** A snapshot of the floor: every bucket below {@code minute} was empty when it was moved there. */
    record Floor(long minute, long version) {
    }

    /** Where one deadline is filed. */
    record Slot(long minute, long page) {
        String pageId() {
            return minute + "/" + page;
        }
    }

    private final MongoCollection<Document> buckets;
    private final MongoCollection<Document> pages;
    private final MongoCollection<Document> floors;
    private final int pageSize;

    DeadlineBuckets(MongoCollection<Document> buckets, MongoCollection<Document> pages,
                    MongoCollection<Document> floors) {
        this(buckets, pages, floors, PAGE_SIZE);
    }

    DeadlineBuckets(MongoCollection<Document> buckets, MongoCollection<Document> pages,
                    MongoCollection<Document> floors, int pageSize) {
        this.buckets = buckets;
        this.pages = pages;
        this.floors = floors;
        this.pageSize = pageSize;
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

    /** Takes an entry in {@code bucket} (from {@link #bucketFor}); record it with the deadline, then {@link #add}. */
    Slot reserve(long bucket) {
        Document before = retryingLostInsertRace(() -> buckets.findOneAndUpdate(eq("_id", bucket), Updates.inc(FILED, 1L),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.BEFORE)));
        long entry = before == null ? 0 : ((Number) before.get(FILED)).longValue();
        return new Slot(bucket, entry / pageSize);
    }

    /** Files {@code deadlineId} in its reserved slot; call once the deadline is stored. */
    void add(Slot slot, String deadlineId) {
        upsert(pages, eq("_id", slot.pageId()), Updates.addToSet("ids", deadlineId));
        upsert(floors, eq("_id", FLOOR_ID), Updates.combine(Updates.min("minute", slot.minute()), Updates.inc("version", 1L)));
    }

    void remove(Slot slot, String deadlineId) {
        pages.updateOne(eq("_id", slot.pageId()), Updates.pull("ids", deadlineId));
    }

    Floor floor() {
        Document floor = floors.find(eq("_id", FLOOR_ID)).first();
        if (floor == null) {
            return null;
        }
        return new Floor(((Number) floor.get("minute")).longValue(), ((Number) floor.get("version")).longValue());
    }

    /**
     * The filed entries of the buckets in {@code [from, to]}, read by {@code _id}, in minute and page order, stopping
     * at the page where {@code limit} entries are reached: a minute may hold far more deadlines than one poll fires.
     */
    NavigableMap<Long, List<Entry>> read(long from, long to, int limit) {
        List<Slot> slots = pagesOf(range(from, to + 1));
        slots.sort(Comparator.comparingLong(Slot::minute).thenComparingLong(Slot::page));
        NavigableMap<Long, List<Entry>> result = new TreeMap<>();
        int entries = 0;
        // Enough pages for the limit if they are full, more while fired deadlines have emptied them.
        int sliceSize = Math.min(IN_SLICE, limit / pageSize + 1);
        for (int start = 0; start < slots.size() && entries < limit; start += sliceSize) {
            if (start > 0) {
                sliceSize = Math.min(IN_SLICE, 2 * sliceSize);
            }
            List<Slot> slice = slots.subList(start, Math.min(slots.size(), start + sliceSize));
            Map<String, List<String>> found = new HashMap<>();
            for (Document page : pages.find(in("_id", slice.stream().map(Slot::pageId).toList()))) {
                found.put(page.getString("_id"), page.getList("ids", String.class, List.of()));
            }
            for (Slot slot : slice) {
                for (String deadlineId : found.getOrDefault(slot.pageId(), List.of())) {
                    result.computeIfAbsent(slot.minute(), m -> new ArrayList<>()).add(new Entry(slot, deadlineId));
                    entries++;
                }
            }
        }
        return result;
    }

    /** One filed deadline. */
    record Entry(Slot slot, String deadlineId) {
    }

    /**
     * Moves the floor up to {@code minute} unless a deadline was filed since {@code seen} was read.
     *
     * @return whether the floor moved
     */
    @ScansAccepted(adr = "0001", why = "the compare-and-set on the floor's version scans deadline_floor, which holds "
            + "one document")
    boolean advance(Floor seen, long minute) {
        if (minute <= seen.minute()) {
            return false;
        }
        boolean moved = floors.updateOne(and(eq("_id", FLOOR_ID), eq("version", seen.version())),
                Updates.set("minute", minute)).getModifiedCount() == 1;
        if (moved) {
            deleteBuckets(seen.minute() - DELETE_AFTER_MINUTES, minute - DELETE_AFTER_MINUTES);
        }
        return moved;
    }

    private void deleteBuckets(long fromMinute, long toMinuteExclusive) {
        List<Long> minutes = range(fromMinute, toMinuteExclusive);
        List<String> pageIds = pagesOf(minutes).stream().map(Slot::pageId).toList();
        for (int start = 0; start < pageIds.size(); start += IN_SLICE) {
            pages.deleteMany(in("_id", pageIds.subList(start, Math.min(pageIds.size(), start + IN_SLICE))));
        }
        buckets.deleteMany(in("_id", minutes));
    }

    /** Every page the buckets of these minutes have filed entries in. */
    private List<Slot> pagesOf(List<Long> minutes) {
        List<Slot> slots = new ArrayList<>();
        for (Document bucket : buckets.find(in("_id", minutes))) {
            long minute = ((Number) bucket.get("_id")).longValue();
            long filed = ((Number) bucket.get(FILED)).longValue();
            for (long page = 0; page * pageSize < filed; page++) {
                slots.add(new Slot(minute, page));
            }
        }
        return slots;
    }

    private static List<Long> range(long fromInclusive, long toExclusive) {
        List<Long> minutes = new ArrayList<>();
        for (long minute = fromInclusive; minute < toExclusive; minute++) {
            minutes.add(minute);
        }
        return minutes;
    }

    static void upsert(MongoCollection<Document> collection, Bson filter, Bson update) {
        retryingLostInsertRace(() -> collection.updateOne(filter, update, new UpdateOptions().upsert(true)));
    }

    /** Two nodes upserting the same new document may both try the insert; the loser retries as an update. */
    private static <T> T retryingLostInsertRace(Supplier<T> upsert) {
        for (int attempt = 1; ; attempt++) {
            try {
                return upsert.get();
            } catch (MongoWriteException | MongoCommandException e) {
                if (!isDuplicateKey(e) || attempt >= 5) {
                    throw e;
                }
            }
        }
    }

    private static boolean isDuplicateKey(RuntimeException e) {
        if (e instanceof MongoWriteException write) {
            return write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
        }
        return e instanceof MongoCommandException command
                && ErrorCategory.fromErrorCode(command.getErrorCode()) == ErrorCategory.DUPLICATE_KEY;
    }
}
