package ma.crafts.register.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * What an auditor reads of the store, and nothing that writes: verification of one stream or of the whole store, and a
 * stream's events as stored. The engine uses it for its own verification; a tool that must not touch the store (the
 * auditor's command line, on a read-only user or a read-only copy) opens it with {@link #readOnly}.
 */
public final class StoreAudit {
    private final HashChain hashChain = new HashChain();
    private final AggregateStreams streams;
    private final StoreVerification storeVerification;

    StoreAudit(MongoCollection<Document> commits, PositionCounter counter, AggregateStreams streams) {
        this.streams = streams;
        this.storeVerification = new StoreVerification(commits, counter, hashChain);
    }

    /** Over the collections the engine uses by default; creates no index, counter or document. */
    public static StoreAudit readOnly(MongoDatabase database) {
        MongoCollection<Document> commits = database.getCollection("commits");
        return new StoreAudit(commits, new PositionCounter(database.getCollection("counters")),
                new AggregateStreams(commits, new StreamTips(1)));
    }

    /**
     * Recomputes an aggregate's hash chain and checks that it still passes through the head a checkpoint sealed.
     *
     * @param sealed the stream's head in a checkpoint, or {@code null} when no checkpoint knows the stream
     */
    public HashChain.Verification verifyStream(String aggregateId, StreamHeads.Head sealed) {
        return hashChain.verify(aggregateId, streams.allSegments(aggregateId), sealed);
    }

    /** See {@link StoreVerification#run}. */
    public StoreVerification.Result verifyStore(long upTo, StoreVerification.Progress progress) {
        return storeVerification.run(upTo, progress);
    }

    /** See {@link StoreVerification#resume}. */
    public StoreVerification.Result resumeStoreVerification(StoreVerification.Resumption from,
                                                            StoreVerification.Progress progress) {
        return storeVerification.resume(from, progress);
    }

    /** An event as stored, its payload and metadata as JSON. */
    public record StoredEvent(long position, long sequence, Instant timestamp, String payloadType, JsonNode payload,
                              JsonNode metaData) {
    }

    /** The aggregate's events in sequence order, as stored (personal data stays sealed). */
    public List<StoredEvent> events(String aggregateId) {
        List<StoredEvent> events = new ArrayList<>();
        for (Segment segment : streams.allSegments(aggregateId)) {
            long firstPosition = segment.position();
            List<Document> all = segment.commit().getList(CommitDocuments.EVENTS, Document.class);
            for (int i = 0; i < all.size(); i++) {
                Document event = all.get(i);
                if (aggregateId.equals(event.getString(CommitDocuments.AGGREGATE_ID))) {
                    events.add(new StoredEvent(firstPosition + i, event.getLong(CommitDocuments.SEQ),
                            event.getDate(CommitDocuments.TIMESTAMP).toInstant(),
                            event.getString(CommitDocuments.PAYLOAD_TYPE), BsonJson.toJson(event.get(CommitDocuments.PAYLOAD)),
                            BsonJson.toJson(event.get(CommitDocuments.META_DATA))));
                }
            }
        }
        return events;
    }
}
