package ma.crafts.register.platform.idempotency;

import java.time.Clock;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * The {@code idempotency_keys} collection. The unique {@code _id} is the only guard: whoever inserts the record owns
 * the key until it completes or releases it; every other access is a lookup by {@code _id}.
 */
public class IdempotencyKeyStore {
    public static final String COLLECTION = "idempotency_keys";
    static final String IN_PROGRESS = "IN_PROGRESS";
    static final String DONE = "DONE";

    private final MongoCollection<Document> collection;
    private final Clock clock;

    public IdempotencyKeyStore(MongoDatabase database, Clock clock) {
        this.collection = database.getCollection(COLLECTION);
        this.clock = clock;
    }

    /** The result of trying to claim a key: either our owner token, or the record someone else holds. */
    public record Claim(String owner, IdempotencyRecord existing) {
        public boolean claimed() {
            return owner != null;
        }
    }

    public Claim claim(String id, String fingerprint, String subject, String method, String path) {
        String owner = UUID.randomUUID().toString();
        Document record = new Document("_id", id)
                .append("fingerprint", fingerprint)
                .append("state", IN_PROGRESS)
                .append("owner", owner)
                .append("startedAt", Date.from(clock.instant()))
                .append("subject", subject)
                .append("method", method)
                .append("path", path);
        try {
            collection.insertOne(record);
            return new Claim(owner, null);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            return new Claim(null, find(id).orElse(null));
        }
    }

    public Optional<IdempotencyRecord> find(String id) {
        Document doc = collection.find(Filters.eq("_id", id)).first();
        if (doc == null) {
            return Optional.empty();
        }
        StoredResponse response = null;
        if (DONE.equals(doc.getString("state"))) {
            Binary body = doc.get("body", Binary.class);
            response = new StoredResponse(doc.getInteger("status"), doc.getString("location"),
                    doc.getString("contentType"), body == null ? new byte[0] : body.getData());
        }
        Date startedAt = doc.getDate("startedAt");
        return Optional.of(new IdempotencyRecord(id, doc.getString("fingerprint"), doc.getString("owner"),
                startedAt == null ? null : startedAt.toInstant(), response));
    }

    /** Records the final response; false when the claim was lost meanwhile (its lease expired and was taken over). */
    public boolean complete(String id, String owner, StoredResponse response) {
        return collection.updateOne(
                Filters.and(Filters.eq("_id", id), Filters.eq("owner", owner), Filters.eq("state", IN_PROGRESS)),
                Updates.combine(
                        Updates.set("state", DONE),
                        Updates.set("completedAt", Date.from(clock.instant())),
                        Updates.set("status", response.status()),
                        Updates.set("location", response.location()),
                        Updates.set("contentType", response.contentType()),
                        Updates.set("body", new Binary(response.body()))))
                .getModifiedCount() == 1;
    }

    /** Gives the key up so a retry can run the request again; only the owner's claim is removed. */
    public void release(String id, String owner) {
        collection.deleteOne(Filters.and(Filters.eq("_id", id), Filters.eq("owner", owner), Filters.eq("state", IN_PROGRESS)));
    }
}
