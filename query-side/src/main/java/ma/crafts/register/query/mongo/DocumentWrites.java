package ma.crafts.register.query.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/** Whole-document writes of read models, many at a time. */
public final class DocumentWrites {

    private DocumentWrites() {
    }

    /**
     * Stores every document under its {@code _id}, in one unordered bulk: an insert for a document the caller
     * believes new (cheaper than an upsert on mongo-java-server, which looks the document up first), a replacement for
     * the others. A "new" document that exists after all (a batch delivered again) is then replaced.
     */
    public static void saveAll(MongoCollection<Document> collection, List<Document> fresh, List<Document> existing) {
        List<WriteModel<Document>> writes = new ArrayList<>(fresh.size() + existing.size());
        fresh.forEach(d -> writes.add(new InsertOneModel<>(d)));
        existing.forEach(d -> writes.add(replace(d)));
        if (writes.isEmpty()) {
            return;
        }
        try {
            collection.bulkWrite(writes, new BulkWriteOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            List<WriteModel<Document>> again = new ArrayList<>();
            for (BulkWriteError error : e.getWriteErrors()) {
                if (error.getCategory() != ErrorCategory.DUPLICATE_KEY
                        || !(writes.get(error.getIndex()) instanceof InsertOneModel<Document> insert)) {
                    throw e;
                }
                again.add(replace(insert.getDocument()));
            }
            collection.bulkWrite(again, new BulkWriteOptions().ordered(false));
        }
    }

    private static ReplaceOneModel<Document> replace(Document d) {
        return new ReplaceOneModel<>(Filters.eq("_id", d.get("_id")), d, new ReplaceOptions().upsert(true));
    }
}
