package ma.crafts.register.eventstore;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The aggregates that hold an event of one payload type, found without reading every event. Meant for rare types
 * that start-up must find wherever they are (an erasure): a partial index keyed on the payload types of just the
 * commits that hold one makes the lookup an index read on MongoDB, whatever the store's size.
 */
final class PayloadTypeHolders {
    private static final String EVENT_PAYLOAD_TYPE = CommitDocuments.EVENTS + "." + CommitDocuments.PAYLOAD_TYPE;

    private final MongoCollection<Document> commits;

    PayloadTypeHolders(MongoCollection<Document> commits) {
        this.commits = commits;
    }

    /**
     * Creates the type's partial index if it is missing, so that no caller can make this a full read of the commits on
     * MongoDB; creating it over an existing store is a one-time build of an index that holds only the type's commits.
     */
    @ScansAccepted(adr = "0001", why = "MongoDB serves it from the type's partial index, which holds the few commits "
            + "of that type; mongo-java-server reads every commit inside the server once, on the rare calls (a start) "
            + "that need it, without sending or decoding the events")
    Set<String> of(Class<?> payloadType) {
        Bson holdsType = Filters.eq(EVENT_PAYLOAD_TYPE, payloadType.getName());
        commits.createIndex(Indexes.ascending(EVENT_PAYLOAD_TYPE), new IndexOptions()
                .name("holders_of_" + payloadType.getSimpleName())
                .partialFilterExpression(holdsType));
        Set<String> aggregates = new LinkedHashSet<>();
        for (Document commit : commits.find(holdsType).projection(Projections.include(
                CommitDocuments.EVENTS + "." + CommitDocuments.AGGREGATE_ID, EVENT_PAYLOAD_TYPE))) {
            for (Document event : commit.getList(CommitDocuments.EVENTS, Document.class, List.of())) {
                if (payloadType.getName().equals(event.getString(CommitDocuments.PAYLOAD_TYPE))
                        && event.getString(CommitDocuments.AGGREGATE_ID) != null) {
                    aggregates.add(event.getString(CommitDocuments.AGGREGATE_ID));
                }
            }
        }
        return aggregates;
    }
}
