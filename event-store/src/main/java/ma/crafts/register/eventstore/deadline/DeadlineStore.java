package ma.crafts.register.eventstore.deadline;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lte;
import static ma.crafts.register.eventstore.deadline.DeadlineDocuments.AVAILABLE_AT;
import static ma.crafts.register.eventstore.deadline.DeadlineDocuments.ATTEMPTS;
import static ma.crafts.register.eventstore.deadline.DeadlineDocuments.BUCKET;
import static ma.crafts.register.eventstore.deadline.DeadlineDocuments.CLAIMED_AT;
import static ma.crafts.register.eventstore.deadline.DeadlineDocuments.FAILED;
import static ma.crafts.register.eventstore.deadline.DeadlineDocuments.IDS;
import static ma.crafts.register.eventstore.deadline.DeadlineDocuments.LAST_ERROR;
import static ma.crafts.register.eventstore.deadline.DeadlineDocuments.NAME;
import static ma.crafts.register.eventstore.deadline.DeadlineDocuments.NEVER;
import static ma.crafts.register.eventstore.deadline.DeadlineDocuments.OWNER;
import static ma.crafts.register.eventstore.deadline.DeadlineDocuments.PAGE;
import static ma.crafts.register.eventstore.deadline.DeadlineDocuments.POLLED_FIELDS;
import static ma.crafts.register.eventstore.deadline.DeadlineDocuments.SCOPE_KEY;
import static ma.crafts.register.eventstore.deadline.DeadlineDocuments.STATUS;
import static ma.crafts.register.eventstore.deadline.DeadlineDocuments.slotOf;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ma.crafts.register.eventstore.ScansAccepted;
import org.bson.Document;

/**
 * Every read and write of {@code deadlines} and {@code deadline_scopes}: a deadline, its scope entry and its bucket
 * entry are written here in the order that keeps each deadline reachable, and a node takes a deadline here with the
 * claim that lets only one node have it. Every filter is a bare {@code _id}, because mongo-java-server serves any other
 * filter (even {@code _id} plus one more condition) by scanning the whole collection; the two exceptions carry
 * {@link ScansAccepted}.
 */
final class DeadlineStore {
    private final MongoCollection<Document> deadlines;
    private final MongoCollection<Document> scopes;
    private final DeadlineBuckets buckets;
    /** Identifies this node in claims. */
    private final String owner;
    private final Duration lease;

    DeadlineStore(MongoCollection<Document> deadlines, MongoCollection<Document> scopes, DeadlineBuckets buckets,
                  String owner, Duration lease) {
        this.deadlines = deadlines;
        this.scopes = scopes;
        this.buckets = buckets;
        this.owner = owner;
        this.lease = lease;
    }

    /** Stores a new deadline (from {@link DeadlineDocuments#newDeadline}) and files it in its bucket. */
    void insert(Document deadline) {
        String scheduleId = deadline.getString("_id");
        // Order matters: the scope index first (a stale entry there is harmless), then the deadline, then its bucket,
        // so that a deadline the poller can see always has its document.
        DeadlineBuckets.upsert(scopes, eq("_id", deadline.getString(SCOPE_KEY)), Updates.addToSet(IDS, scheduleId));
        deadlines.insertOne(deadline);
        buckets.add(slotOf(deadline), scheduleId);
    }

    /** The name of a stored deadline; empty once it is fired or cancelled. */
    Optional<String> nameOf(String scheduleId) {
        Document deadline = deadlines.find(eq("_id", scheduleId)).projection(Projections.include(NAME)).first();
        return Optional.ofNullable(deadline).map(found -> found.getString(NAME));
    }

    @ScansAccepted(adr = "0001", why = "a rare administrative call; every other filter on deadlines is a bare _id "
            + "(GUARANTEES.md, Deadlines)")
    void deleteNamed(String deadlineName) {
        List<String> named = new ArrayList<>();
        deadlines.find(eq(NAME, deadlineName)).projection(Projections.include("_id"))
                .forEach(deadline -> named.add(deadline.getString("_id")));
        named.forEach(this::delete);
    }

    /** Deletes every deadline filed under this scope entry, and drops the entry's ids that lead nowhere. */
    void deleteWithinScope(String scopeKey) {
        Document index = scopes.find(eq("_id", scopeKey)).first();
        if (index == null) {
            return;
        }
        List<String> ids = index.getList(IDS, String.class, List.of());
        Map<String, Document> found = new HashMap<>();
        deadlines.find(in("_id", ids)).projection(Projections.include(SCOPE_KEY))
                .forEach(deadline -> found.put(deadline.getString("_id"), deadline));
        for (String scheduleId : ids) {
            Document deadline = found.get(scheduleId);
            if (deadline != null && scopeKey.equals(deadline.getString(SCOPE_KEY))) {
                delete(scheduleId);
            } else {
                scopes.updateOne(eq("_id", scopeKey), Updates.pull(IDS, scheduleId));
            }
        }
    }

    /**
     * Deletes a deadline, then its bucket and scope entries. An emptied scope entry is kept: deleting it only while
     * empty would need a conditional delete, i.e. a collection scan on mongo-java-server, and it costs one small
     * document per deadline name and scope, like a snapshot per aggregate.
     */
    void delete(String scheduleId) {
        Document deadline = deadlines.findOneAndDelete(eq("_id", scheduleId));
        if (deadline != null) {
            buckets.remove(slotOf(deadline), scheduleId);
            scopes.updateOne(eq("_id", deadline.getString(SCOPE_KEY)), Updates.pull(IDS, scheduleId));
        }
    }

    /** What the poller needs of these deadlines ({@link DeadlineDocuments#POLLED_FIELDS}), by schedule id. */
    Map<String, Document> polled(Collection<String> scheduleIds) {
        Map<String, Document> documents = new HashMap<>();
        deadlines.find(in("_id", scheduleIds)).projection(POLLED_FIELDS)
                .forEach(document -> documents.put(document.getString("_id"), document));
        return documents;
    }

    /**
     * Takes the deadline if it is available: {@code $max} pushes {@code availableAt} one lease ahead, and only the
     * node whose update found it in the past has taken it. Concurrent nodes see the lease already set.
     *
     * @return the deadline as it was before it was taken; empty if it is gone, parked or not available
     */
    Optional<Document> claim(String scheduleId, Instant now) {
        Document before = deadlines.findOneAndUpdate(eq("_id", scheduleId),
                Updates.max(AVAILABLE_AT, Date.from(now.plus(lease))),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE));
        if (before == null || before.getDate(AVAILABLE_AT).toInstant().isAfter(now)
                || DeadlineDocuments.isParked(before)) {
            return Optional.empty();
        }
        deadlines.updateOne(eq("_id", scheduleId), Updates.combine(Updates.set(OWNER, owner),
                Updates.set(CLAIMED_AT, Date.from(now)), Updates.inc(ATTEMPTS, 1)));
        return Optional.of(before);
    }

    /** Parks a deadline for an operator: no claim succeeds on it and no bucket leads to it any more. */
    void park(Document deadline, String error) {
        String scheduleId = deadline.getString("_id");
        if (deadlines.updateOne(eq("_id", scheduleId), Updates.combine(Updates.set(STATUS, FAILED),
                Updates.set(AVAILABLE_AT, NEVER), Updates.set(OWNER, null),
                Updates.set(LAST_ERROR, error))).getMatchedCount() == 1) {
            buckets.remove(slotOf(deadline), scheduleId);
        }
    }

    /** Releases a deadline whose delivery failed, to be taken again at {@code next}, from the bucket of that time. */
    void retryAt(Document deadline, Instant next, String error) {
        String scheduleId = deadline.getString("_id");
        DeadlineBuckets.Slot slot = slotOf(deadline);
        long nextBucket = buckets.bucketFor(DeadlineBuckets.minuteOf(next), DeadlineBuckets.minuteOf(next));
        DeadlineBuckets.Slot nextSlot = nextBucket == slot.minute() ? slot : buckets.reserve(nextBucket);
        // Matched count 0: cancelled meanwhile, nothing left to retry.
        boolean rescheduled = deadlines.updateOne(eq("_id", scheduleId), Updates.combine(
                Updates.set(OWNER, null), Updates.set(AVAILABLE_AT, Date.from(next)),
                Updates.set(BUCKET, nextSlot.minute()), Updates.set(PAGE, nextSlot.page()),
                Updates.set(LAST_ERROR, error))).getMatchedCount() == 1;
        if (rescheduled && !nextSlot.equals(slot)) {
            // Into the new bucket before out of the old one, so the deadline is always reachable from some bucket.
            buckets.add(nextSlot, scheduleId);
            buckets.remove(slot, scheduleId);
        }
    }

    /**
     * The sweep's search for deadlines that may be lost from every bucket: the ids of at most {@code limit} deadlines
     * available since {@code before} or earlier.
     */
    @ScansAccepted(adr = "0001", why = "the sweep runs once per sweep interval (10 minutes by default; again at once "
            + "only while it finds a full batch) and reads only ids; deadlines holds the deadlines not yet fired or "
            + "cancelled (both delete the document), plus those parked as FAILED until an operator deals with them")
    List<String> availableSince(Instant before, int limit) {
        List<String> overdue = new ArrayList<>();
        deadlines.find(lte(AVAILABLE_AT, Date.from(before))).projection(Projections.include("_id"))
                .limit(limit).forEach(deadline -> overdue.add(deadline.getString("_id")));
        return overdue;
    }
}
