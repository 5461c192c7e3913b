package ma.crafts.register.eventstore;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOptions;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;

/** One snapshot per aggregate, the newest, keyed by the aggregate and stored with the same fields as an event. */
final class Snapshots {
    private static final DocumentCodec DOCUMENTS = new DocumentCodec();

    private final MongoCollection<Document> snapshots;

    Snapshots(MongoCollection<Document> snapshots) {
        this.snapshots = snapshots;
    }

    @ScansAccepted(adr = "0001", why = "snapshots holds one document per snapshotted aggregate and grows with the "
            + "register; the condition on seq keeps a newer snapshot, and snapshots are taken once per many events, "
            + "not per command")
    void store(DomainEventMessage<?> snapshot, Serializer serializer) {
        Document document = new Document(CommitDocuments.ID, snapshot.getAggregateIdentifier());
        document.putAll(new RawBsonDocument(CommitDocuments.encodeEvent(snapshot, serializer)).decode(DOCUMENTS));
        try {
            snapshots.replaceOne(and(eq(CommitDocuments.ID, snapshot.getAggregateIdentifier()),
                            lt(CommitDocuments.SEQ, snapshot.getSequenceNumber())),
                    document, new ReplaceOptions().upsert(true));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw new EventStoreException("Storing snapshot failed", e);
            }
            // A newer snapshot is already stored: keep it.
        }
    }

    Optional<DomainEventData<?>> read(String aggregateId) {
        Document snapshot = snapshots.find(eq(CommitDocuments.ID, aggregateId)).first();
        return snapshot == null ? Optional.empty()
                : Optional.of(CommitDocuments.domainEvent(snapshot, aggregateId, null));
    }

    /** In slices: start-up discards the snapshots of every actor ever erased, and a long {@code $in} costs quadratically. */
    void discard(Collection<String> aggregateIds) {
        List<String> ids = List.copyOf(aggregateIds);
        for (int from = 0; from < ids.size(); from += MongoEventStorageEngine.IN_CHUNK) {
            snapshots.deleteMany(in(CommitDocuments.ID,
                    ids.subList(from, Math.min(ids.size(), from + MongoEventStorageEngine.IN_CHUNK))));
        }
    }

    /** The sequence the aggregate's snapshot was taken at, if it has one. */
    Optional<Long> sequenceOf(String aggregateId) {
        Document snapshot = snapshots.find(eq(CommitDocuments.ID, aggregateId))
                .projection(Projections.include(CommitDocuments.SEQ)).first();
        return snapshot == null ? Optional.empty() : Optional.of(snapshot.getLong(CommitDocuments.SEQ));
    }
}
