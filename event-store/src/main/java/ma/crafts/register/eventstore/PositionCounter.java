package ma.crafts.register.eventstore;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.bson.Document;

/** The counter every process reserves global positions from: the next position nobody has reserved yet. */
final class PositionCounter {
    private static final String COUNTER_ID = "commits";
    private static final String NEXT = "next";

    private final MongoCollection<Document> counters;

    PositionCounter(MongoCollection<Document> counters) {
        this.counters = counters;
    }

    void ensureExists() {
        try {
            counters.insertOne(new Document(CommitDocuments.ID, COUNTER_ID).append(NEXT, 0L));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }

    /**
     * @return the first of {@code count} positions now reserved for the caller. ReturnDocument.BEFORE: mongo-java-server
     * may hand two clients the same value with AFTER.
     */
    long reserve(long count) {
        Document before = counters.findOneAndUpdate(eq(CommitDocuments.ID, COUNTER_ID), Updates.inc(NEXT, count),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE));
        if (before == null) {
            throw new EventStoreException("Position counter missing");
        }
        return before.get(NEXT, Number.class).longValue();
    }

    long nextUnreserved() {
        Document counter = counters.find(eq(CommitDocuments.ID, COUNTER_ID)).first();
        return counter == null ? 0 : counter.get(NEXT, Number.class).longValue();
    }
}
