package ma.crafts.register.platform.lease;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;

/**
 * Where a {@link Lease} is held: one document ({@code _id}, {@code holder}, {@code expiresAt}) in a collection of the
 * work's own, changed only by compare-and-sets on it, so that two processes never both hold it. Each filter names the
 * {@code _id} and the holder or expiry it expects (listed in the platform's architecture test as accepted scans: on
 * mongo-java-server they read the collection, so a lease lives in a small one).
 */
public final class LeaseDocument {
    private final MongoCollection<Document> collection;
    private final Object id;

    public LeaseDocument(MongoCollection<Document> collection, Object id) {
        this.collection = collection;
        this.id = id;
    }

    /**
     * Takes the lease for {@code holder} until {@code until}: succeeds when nobody holds the lease, the holder does
     * already, or another holder's lease had expired by {@code now}.
     *
     * @return true when {@code holder} holds the lease until {@code until}
     */
    boolean take(String holder, Instant now, Instant until) {
        try {
            UpdateResult taken = collection.updateOne(Filters.and(Filters.eq("_id", id),
                            Filters.or(Filters.eq("holder", holder), Filters.lt("expiresAt", Date.from(now)))),
                    Updates.combine(Updates.set("holder", holder), Updates.set("expiresAt", Date.from(until))),
                    new UpdateOptions().upsert(true));
            return taken.getMatchedCount() == 1 || taken.getUpsertedId() != null;
        } catch (MongoWriteException e) {
            // The filter matched nothing, so the upsert tried to insert a second lease: another holder has it.
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            return false;
        }
    }

    /**
     * Extends {@code holder}'s lease to {@code until}, unless another holder has taken it since, even one that has
     * released it again: a holder that lost the lease must not go on with work the other one took over.
     *
     * @return true when {@code holder} still holds the lease, until {@code until}
     */
    boolean renew(String holder, Instant until) {
        return collection.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("holder", holder)),
                Updates.set("expiresAt", Date.from(until))).getMatchedCount() == 1;
    }

    /** Ends {@code holder}'s lease at once, so another process need not wait for it to expire; nobody else's. */
    void release(String holder) {
        collection.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("holder", holder)),
                Updates.set("expiresAt", new Date(0)));
    }
}
