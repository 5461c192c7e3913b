package ma.crafts.register.platform.idempotency;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.bson.Document;
import org.bson.types.Binary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code idempotency_keys} collection. A record's {@code _id} is the sub-document {@code {subject, key}}, so two
 * different pairs never share a record. The unique {@code _id} is the only guard, and every read and write names the
 * {@code _id} alone (docs/adr/0001): whoever inserts the record holds the key until it completes or releases it.
 * <p>
 * Each record expires {@code ttl} after its claim. MongoDB deletes it through the TTL index on {@code expiresAt};
 * mongo-java-server ignores that index, so an expired record also counts as absent here, and {@link #deleteExpired}
 * removes them periodically. Completing or releasing by {@code _id} alone is safe because a claim is only ever
 * replaced after it expired, and the filter never writes for a claim whose own expiry has passed.
 */
public class IdempotencyKeyStore {
    public static final String COLLECTION = "idempotency_keys";
    static final String IN_PROGRESS = "IN_PROGRESS";
    static final String DONE = "DONE";
    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeyStore.class);

    private final MongoCollection<Document> collection;
    private final Clock clock;
    private final Duration ttl;

    public IdempotencyKeyStore(MongoDatabase database, Clock clock, Duration ttl) {
        this.collection = database.getCollection(COLLECTION);
        this.clock = clock;
        this.ttl = ttl;
        collection.createIndex(Indexes.ascending("expiresAt"), new IndexOptions().expireAfter(0L, TimeUnit.SECONDS));
    }

    /** The compound identity of a key: the same key sent by two subjects is two records. */
    public record Id(String subject, String key) {
        Document toDocument() {
            return new Document("subject", subject).append("key", key);
        }
    }

    /**
     * The result of trying to claim a key: the claimed record (ours to complete or release), or the live record
     * someone else holds; both empty when the record vanished meanwhile and the claim may simply be tried again.
     */
    public record Claim(Document claimed, IdempotencyRecord existing) {
        public boolean isClaimed() {
            return claimed != null;
        }
    }

    public Claim claim(Id id, String fingerprint, String method, String path) {
        Instant now = clock.instant();
        Document record = new Document("_id", id.toDocument())
                .append("fingerprint", fingerprint)
                .append("state", IN_PROGRESS)
                .append("startedAt", Date.from(now))
                .append("expiresAt", Date.from(now.plus(ttl)))
                .append("method", method)
                .append("path", path);
        try {
            collection.insertOne(record);
            return new Claim(record, null);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
        Document existing = collection.find(Filters.eq("_id", id.toDocument())).first();
        if (existing == null || !expired(existing, now)) {
            return new Claim(null, existing == null ? null : toRecord(existing));
        }
        // The replace is atomic on the one document, so of two requests reclaiming the same expired record only one
        // sees it expired in the replaced document. The other has overwritten the winner's fresh claim with its own
        // (same subject and key), which the winner's complete or release supersedes; it does not run the request.
        Document replaced = collection.findOneAndReplace(Filters.eq("_id", id.toDocument()), record);
        if (replaced == null) {
            return new Claim(null, null);
        }
        return expired(replaced, now) ? new Claim(record, null) : new Claim(null, toRecord(replaced));
    }

    /** The live record of a key; an expired one is absent, whether or not it was deleted yet. */
    public Optional<IdempotencyRecord> find(Id id) {
        Document doc = collection.find(Filters.eq("_id", id.toDocument())).first();
        return doc == null || expired(doc, clock.instant()) ? Optional.empty() : Optional.of(toRecord(doc));
    }

    /** Records the final response of a claim, unless the claim has expired meanwhile (and may belong to another). */
    public void complete(Claim claim, StoredResponse response) {
        if (outlived(claim)) {
            return;
        }
        Document done = new Document(claim.claimed())
                .append("state", DONE)
                .append("completedAt", Date.from(clock.instant()))
                .append("status", response.status())
                .append("location", response.location())
                .append("contentType", response.contentType())
                .append("body", new Binary(response.body()));
        collection.replaceOne(Filters.eq("_id", claim.claimed().get("_id")), done);
    }

    /** Gives the key up so a retry can run the request again. */
    public void release(Claim claim) {
        if (!outlived(claim)) {
            collection.deleteOne(Filters.eq("_id", claim.claimed().get("_id")));
        }
    }

    /**
     * Deletes every record of a request on one of {@code actorIds} or whose response points at one (a registration's
     * {@code Location}): the erasure of an actor's personal data (Law 09-08) must not leave its registration's
     * fingerprint, or a response that echoes it, replayable. One pass over the collection for all of them.
     */
    public long forgetActors(Collection<String> actorIds) {
        if (actorIds.isEmpty()) {
            return 0;
        }
        Pattern onActor = Pattern.compile("/(" + actorIds.stream().map(Pattern::quote).collect(Collectors.joining("|"))
                + ")([/?]|$)");
        return collection.deleteMany(Filters.or(Filters.regex("path", onActor), Filters.regex("location", onActor)))
                .getDeletedCount();
    }

    /** Deletes every expired record, as MongoDB's TTL monitor would; returns how many. */
    public long deleteExpired() {
        return collection.deleteMany(Filters.lt("expiresAt", Date.from(clock.instant()))).getDeletedCount();
    }

    private boolean outlived(Claim claim) {
        if (!expired(claim.claimed(), clock.instant())) {
            return false;
        }
        log.warn("Idempotency key {} expired before its request finished; its outcome is not recorded",
                claim.claimed().get("_id"));
        return true;
    }

    private static boolean expired(Document doc, Instant now) {
        Date expiresAt = doc.getDate("expiresAt");
        return expiresAt != null && !expiresAt.toInstant().isAfter(now);
    }

    private static IdempotencyRecord toRecord(Document doc) {
        StoredResponse response = null;
        if (DONE.equals(doc.getString("state"))) {
            Binary body = doc.get("body", Binary.class);
            response = new StoredResponse(doc.getInteger("status"), doc.getString("location"),
                    doc.getString("contentType"), body == null ? new byte[0] : body.getData());
        }
        return new IdempotencyRecord(doc.getString("fingerprint"), doc.getDate("startedAt").toInstant(),
                doc.getDate("expiresAt").toInstant(), response);
    }
}
