package ma.crafts.register.bench;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * What one batch of events changes in the account view, merged per account and written as one unordered bulk of upserts
 * by {@code _id}. The tracking processor's projection and the raw ceiling both write through this class, so they issue
 * exactly the same writes.
 */
final class ProjectionBatch {
    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);

    private final Map<String, Change> changes = new LinkedHashMap<>();
    private int events;

    void opened(String accountId, String holder, String region) {
        Change change = changes.computeIfAbsent(accountId, id -> new Change());
        change.holder = holder;
        change.region = region;
        events++;
    }

    void entry(String accountId, long amount) {
        Change change = changes.computeIfAbsent(accountId, id -> new Change());
        change.balance += amount;
        change.entries++;
        events++;
    }

    int events() {
        return events;
    }

    void writeTo(MongoCollection<Document> view) {
        if (changes.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> writes = new ArrayList<>(changes.size());
        changes.forEach((accountId, change) -> writes.add(new UpdateOneModel<>(eq("_id", accountId), change.update(), UPSERT)));
        view.bulkWrite(writes, UNORDERED);
    }

    private static final class Change {
        String holder;
        String region;
        long balance;
        int entries;

        Bson update() {
            List<Bson> updates = new ArrayList<>(4);
            if (holder != null) {
                updates.add(Updates.set("holder", holder));
                updates.add(Updates.set("region", region));
            }
            updates.add(Updates.inc("balance", balance));
            updates.add(Updates.inc("entries", entries));
            return Updates.combine(updates);
        }
    }
}
