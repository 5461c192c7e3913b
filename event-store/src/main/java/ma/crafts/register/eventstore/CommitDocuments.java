package ma.crafts.register.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.model.Projections;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.BsonBinaryReader;
import org.bson.BsonBinaryWriter;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.conversions.Bson;
import org.bson.io.BasicOutputBuffer;

/**
 * The stored layout, in one place: the field names of commit, void, event and snapshot documents, the encoding of events
 * and commits, and their decoding into what Axon reads. See {@code event-store/GUARANTEES.md} for why it looks this way.
 */
final class CommitDocuments {
    /** A commit's first global position; a snapshot's aggregate identifier. */
    static final String ID = "_id";
    /** A commit's or void's last global position. */
    static final String LAST = "last";
    static final String COMMITTED_AT = "committedAt";
    /** Marks a void document and says why the positions it covers stay empty. */
    static final String VOID = "void";
    /** The indexed {@code aggregateId#firstSequence} of each aggregate in a commit: a string for one, a list for more. */
    static final String STREAM_KEYS = "streamKeys";
    /** The aggregates of a commit of several, each with its sequences and hashes. */
    static final String STREAMS = "streams";
    static final String PREV_HASH = "prevHash";
    static final String HASH = "hash";
    static final String EVENTS = "events";
    static final String AGGREGATE_ID = "aggregateId";
    static final String AGGREGATE_TYPE = "aggregateType";
    static final String FIRST_SEQ = "firstSeq";
    static final String LAST_SEQ = "lastSeq";
    static final String SEQ = "seq";
    static final String EVENT_ID = "eventId";
    static final String TIMESTAMP = "timestamp";
    static final String PAYLOAD_TYPE = "payloadType";
    static final String PAYLOAD_REVISION = "payloadRevision";
    static final String PAYLOAD = "payload";
    static final String META_DATA = "metaData";
    /** An event's own position, stored only by commits written before positions were derived from {@code _id}. */
    static final String LEGACY_POSITION = "position";
    /** The metadata key under which a read event carries its global position. */
    static final String GLOBAL_POSITION = "globalPosition";

    /** What a tracking read needs of a commit: the hash chain and stream keys stay on the server. */
    static final Bson TRACKED_FIELDS = Projections.include(LAST, VOID, EVENTS);
    /** What {@link #segmentOf} needs, for lookups that want an aggregate's sequences and hashes but not its events. */
    static final Bson SEGMENT_FIELDS = Projections.include(STREAMS, PREV_HASH, HASH, EVENTS + "." + AGGREGATE_ID,
            EVENTS + "." + AGGREGATE_TYPE, EVENTS + "." + SEQ);

    private CommitDocuments() {
    }

    static String streamKey(String aggregateId, long sequence) {
        return aggregateId + "#" + sequence;
    }

    /**
     * An event as stored: the field order is part of the hash. Payload and metadata are serialised by the serializer's
     * object mapper straight into the document, not into JSON text that would have to be parsed again.
     */
    static byte[] encodeEvent(EventMessage<?> event, Serializer serializer) {
        ObjectMapper mapper = ((JacksonSerializer) serializer).getObjectMapper();
        BasicOutputBuffer buffer = new BasicOutputBuffer(1024);
        try (BsonBinaryWriter writer = new BsonBinaryWriter(buffer)) {
            writer.writeStartDocument();
            if (event instanceof DomainEventMessage<?> domainEvent && domainEvent.getAggregateIdentifier() != null) {
                writer.writeString(AGGREGATE_TYPE, domainEvent.getType());
                writer.writeString(AGGREGATE_ID, domainEvent.getAggregateIdentifier());
                writer.writeInt64(SEQ, domainEvent.getSequenceNumber());
            }
            writer.writeString(EVENT_ID, event.getIdentifier());
            writer.writeDateTime(TIMESTAMP, event.getTimestamp().toEpochMilli());
            SerializedType type = serializer.typeForClass(event.getPayloadType());
            writer.writeString(PAYLOAD_TYPE, event.getPayload() == null ? "empty" : type.getName());
            if (type.getRevision() == null) {
                writer.writeNull(PAYLOAD_REVISION);
            } else {
                writer.writeString(PAYLOAD_REVISION, type.getRevision());
            }
            writer.writeName(PAYLOAD);
            BsonGenerator.write(mapper, event.getPayload(), writer);
            writer.writeName(META_DATA);
            BsonGenerator.write(mapper, event.getMetaData(), writer);
            writer.writeEndDocument();
        }
        return buffer.toByteArray();
    }

    /**
     * The commit document, encoded here so that the driver only copies it: its events are already BSON, and encoding
     * the envelope through a {@code Document} cost the driver's codec lookups more than the whole envelope costs here.
     * A commit of one aggregate, as nearly all are, keeps its stream key as a string and its hashes at the top:
     * mongo-java-server indexes an array value by its multikey path (bench/README.md, "Figures behind the code") and
     * every nested document costs it more to decode, store and collect. A commit of several aggregates lists them.
     */
    static RawBsonDocument encodeCommit(PendingCommit commit, long committedAt) {
        List<byte[]> events = commit.events;
        List<PendingCommit.StreamSegment> streams = commit.streams;
        int size = 256;
        for (byte[] event : events) {
            size += event.length;
        }
        BasicOutputBuffer buffer = new BasicOutputBuffer(size);
        try (BsonBinaryWriter writer = new BsonBinaryWriter(buffer)) {
            writer.writeStartDocument();
            writer.writeInt64(ID, commit.firstPosition);
            writer.writeInt64(LAST, commit.lastPosition());
            writer.writeDateTime(COMMITTED_AT, committedAt);
            if (streams.size() == 1) {
                PendingCommit.StreamSegment stream = streams.get(0);
                writer.writeString(STREAM_KEYS, streamKey(stream.aggregateId, stream.firstSeq));
                writer.writeString(PREV_HASH, stream.prevHash);
                writer.writeString(HASH, stream.hash);
            } else if (streams.size() > 1) {
                writer.writeStartArray(STREAM_KEYS);
                streams.forEach(stream -> writer.writeString(streamKey(stream.aggregateId, stream.firstSeq)));
                writer.writeEndArray();
                writer.writeStartArray(STREAMS);
                streams.forEach(stream -> writeSegment(writer, stream));
                writer.writeEndArray();
            }
            writer.writeStartArray(EVENTS);
            for (byte[] event : events) {
                writer.pipe(new BsonBinaryReader(ByteBuffer.wrap(event)));
            }
            writer.writeEndArray();
            writer.writeEndDocument();
        }
        return new RawBsonDocument(buffer.getInternalBuffer(), 0, buffer.getPosition());
    }

    private static void writeSegment(BsonBinaryWriter writer, PendingCommit.StreamSegment stream) {
        writer.writeStartDocument();
        writer.writeString(AGGREGATE_ID, stream.aggregateId);
        writer.writeString(AGGREGATE_TYPE, stream.type);
        writer.writeInt64(FIRST_SEQ, stream.firstSeq);
        writer.writeInt64(LAST_SEQ, stream.lastSeq);
        writer.writeString(PREV_HASH, stream.prevHash);
        writer.writeString(HASH, stream.hash);
        writer.writeEndDocument();
    }

    /**
     * The part of a commit that belongs to one aggregate: listed under {@code streams} when the commit holds several
     * aggregates, otherwise taken from its events and its top-level hashes.
     */
    static Optional<Segment> segmentOf(Document commit, String aggregateId) {
        List<Document> streams = commit.getList(STREAMS, Document.class);
        if (streams != null) {
            for (Document segment : streams) {
                if (aggregateId.equals(segment.getString(AGGREGATE_ID))) {
                    return Optional.of(new Segment(aggregateId, segment.getLong(FIRST_SEQ), segment.getLong(LAST_SEQ),
                            segment.getString(PREV_HASH), segment.getString(HASH), commit));
                }
            }
            return Optional.empty();
        }
        Document first = null;
        Document last = null;
        for (Document event : commit.getList(EVENTS, Document.class, List.of())) {
            if (aggregateId.equals(event.getString(AGGREGATE_ID))) {
                first = first == null ? event : first;
                last = event;
            }
        }
        if (first == null) {
            return Optional.empty();
        }
        return Optional.of(new Segment(aggregateId, first.getLong(SEQ), last.getLong(SEQ), commit.getString(PREV_HASH),
                commit.getString(HASH), commit));
    }

    /**
     * Every aggregate's part of a commit as its envelope states it, for verification: the sequences of a single-aggregate
     * commit come from its stream key and its positions, not from the events being verified (so a removed or inserted
     * event shows as such, not as a shorter or longer commit). None for a void or a
     * commit of events without an aggregate.
     */
    static List<Segment> segmentsOf(Document commit) {
        List<Document> streams = commit.getList(STREAMS, Document.class);
        if (streams != null) {
            return streams.stream().map(segment -> new Segment(segment.getString(AGGREGATE_ID), segment.getLong(FIRST_SEQ),
                    segment.getLong(LAST_SEQ), segment.getString(PREV_HASH), segment.getString(HASH), commit)).toList();
        }
        if (!(commit.get(STREAM_KEYS) instanceof String key) || key.lastIndexOf('#') < 0) {
            return List.of();
        }
        String aggregateId = key.substring(0, key.lastIndexOf('#'));
        long firstSeq = Long.parseLong(key.substring(key.lastIndexOf('#') + 1));
        // Events without an aggregate (notifications) share the commit's positions but not the stream's sequences.
        long undomained = commit.getList(EVENTS, Document.class, List.of()).stream()
                .filter(event -> event.getString(AGGREGATE_ID) == null).count();
        long positions = commit.get(LAST, Number.class).longValue() - commit.get(ID, Number.class).longValue() + 1;
        return List.of(new Segment(aggregateId, firstSeq, firstSeq + positions - undomained - 1, commit.getString(PREV_HASH),
                commit.getString(HASH), commit));
    }

    /** A stored event of an aggregate, at {@code position} (none for a snapshot). */
    static StoredEvents.Domain domainEvent(Document event, String aggregateId, Long position) {
        return new StoredEvents.Domain(event.getString(AGGREGATE_TYPE), aggregateId, event.getLong(SEQ),
                content(event, position));
    }

    static TrackedEventData<?> trackedEvent(TrackingToken token, Document event, long position) {
        String aggregateId = event.getString(AGGREGATE_ID);
        if (aggregateId == null) {
            return new StoredEvents.Tracked(token, content(event, position));
        }
        return new TrackedDomainEventData<>(token, domainEvent(event, aggregateId, position));
    }

    private static StoredEvents.Content content(Document event, Long position) {
        JsonNode metaData = BsonJson.toJson(event.get(META_DATA));
        if (position != null && metaData instanceof ObjectNode object) {
            object.put(GLOBAL_POSITION, position);
        }
        return new StoredEvents.Content(event.getString(EVENT_ID), event.getDate(TIMESTAMP).toInstant(),
                event.getString(PAYLOAD_TYPE), event.getString(PAYLOAD_REVISION), BsonJson.toJson(event.get(PAYLOAD)),
                metaData);
    }
}
