package ma.crafts.register.eventstore.deadline;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.model.Projections;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.function.Supplier;
import ma.crafts.register.eventstore.BsonJson;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.deadline.GenericDeadlineMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The stored layout of the deadline store, in one place: its collection names, the field names of a {@code deadlines}
 * and a {@code deadline_scopes} document, and the mapping between a deadline document and the message and scope Axon
 * works with. See the DEADLINES section of {@code event-store/GUARANTEES.md} for why it looks this way. Filters write
 * {@code "_id"} as it is: the architecture test reads the field of each filter from its source line (ADR 0001).
 */
final class DeadlineDocuments {
    static final String DEADLINES = "deadlines";
    static final String BUCKETS = "deadline_buckets";
    static final String PAGES = "deadline_bucket_pages";
    static final String FLOOR = "deadline_floor";
    static final String SCOPES = "deadline_scopes";

    static final String NAME = "name";
    static final String DUE_AT = "dueAt";
    /** When a node may next take the deadline: its due time, the end of a claim's lease, a retry's time or NEVER. */
    static final String AVAILABLE_AT = "availableAt";
    /** The minute and page of the bucket entry that leads the poller to the deadline. */
    static final String BUCKET = "bucket";
    static final String PAGE = "page";
    /** The {@code _id} of the deadline's entry in {@code deadline_scopes}. */
    static final String SCOPE_KEY = "scopeKey";
    static final String SCOPE_TYPE = "scopeType";
    static final String SCOPE_REVISION = "scopeRevision";
    static final String SCOPE = "scope";
    static final String MESSAGE_TIMESTAMP = "messageTimestamp";
    static final String PAYLOAD_TYPE = "payloadType";
    static final String PAYLOAD_REVISION = "payloadRevision";
    static final String PAYLOAD = "payload";
    static final String META_DATA = "metaData";
    static final String SCHEDULED_AT = "scheduledAt";
    /** Deliveries started: a claim counts one before the delivery runs. */
    static final String ATTEMPTS = "attempts";
    static final String OWNER = "owner";
    static final String CLAIMED_AT = "claimedAt";
    static final String LAST_ERROR = "lastError";
    static final String STATUS = "status";
    /** The {@code status} of a parked deadline, left for an operator. */
    static final String FAILED = "FAILED";
    /** The schedule ids of a {@code deadline_scopes} entry. */
    static final String IDS = "ids";

    /** Where a parked deadline's {@code availableAt} goes, so that no claim can succeed on it. */
    static final Date NEVER = Date.from(Instant.parse("9999-12-31T00:00:00Z"));
    /** What the poller needs to tell a due deadline from a stale bucket entry. */
    static final Bson POLLED_FIELDS = Projections.include("_id", BUCKET, PAGE, AVAILABLE_AT, STATUS);

    private DeadlineDocuments() {
    }

    /**
     * A new deadline, not yet taken by any node. Its bucket entry is reserved only once the message has serialized, so
     * a message that cannot be stored takes no entry.
     */
    static Document newDeadline(String scheduleId, Instant dueAt, DeadlineMessage<?> message,
                                SerializedObject<JsonNode> scope, String scopeKey, Serializer serializer,
                                Supplier<DeadlineBuckets.Slot> reserveSlot, Clock clock) {
        SerializedObject<JsonNode> metaData = serializer.serialize(message.getMetaData(), JsonNode.class);
        Object payload = message.getPayload();
        SerializedObject<JsonNode> serializedPayload = payload == null ? null : serializer.serialize(payload, JsonNode.class);
        DeadlineBuckets.Slot slot = reserveSlot.get();
        return new Document("_id", scheduleId)
                .append(NAME, message.getDeadlineName())
                .append(DUE_AT, Date.from(dueAt))
                .append(AVAILABLE_AT, Date.from(dueAt))
                .append(BUCKET, slot.minute())
                .append(PAGE, slot.page())
                .append(SCOPE_KEY, scopeKey)
                .append(SCOPE_TYPE, scope.getType().getName())
                .append(SCOPE_REVISION, scope.getType().getRevision())
                .append(SCOPE, BsonJson.toBson(scope.getData()))
                .append(MESSAGE_TIMESTAMP, Date.from(message.getTimestamp()))
                .append(PAYLOAD_TYPE, serializedPayload == null ? null : serializedPayload.getType().getName())
                .append(PAYLOAD_REVISION, serializedPayload == null ? null : serializedPayload.getType().getRevision())
                .append(PAYLOAD, serializedPayload == null ? null : BsonJson.toBson(serializedPayload.getData()))
                .append(META_DATA, BsonJson.toBson(metaData.getData()))
                .append(SCHEDULED_AT, Date.from(clock.instant()))
                .append(ATTEMPTS, 0)
                .append(OWNER, null);
    }

    /**
     * Deadline name plus the scope in its serialized form: the same scope always serializes to the same tree, and
     * descriptors (e.g. an aggregate's type and id) compare equal exactly when their trees do.
     */
    static String scopeKey(String deadlineName, SerializedObject<JsonNode> scope) {
        return deadlineName + "|" + scope.getType().getName() + "|" + scope.getData().toString();
    }

    static DeadlineBuckets.Slot slotOf(Document deadline) {
        return new DeadlineBuckets.Slot(((Number) deadline.get(BUCKET)).longValue(),
                deadline.get(PAGE) instanceof Number page ? page.longValue() : 0);
    }

    static boolean isParked(Document deadline) {
        return FAILED.equals(deadline.getString(STATUS));
    }

    static DeadlineMessage<?> messageOf(Document deadline, Serializer serializer) {
        String payloadType = deadline.getString(PAYLOAD_TYPE);
        Object payload = payloadType == null ? null : serializer.deserialize(new SimpleSerializedObject<>(
                BsonJson.toJson(deadline.get(PAYLOAD)), JsonNode.class, payloadType, deadline.getString(PAYLOAD_REVISION)));
        Map<String, ?> metaData = serializer.deserialize(new SimpleSerializedObject<>(
                BsonJson.toJson(deadline.get(META_DATA)), JsonNode.class, MetaData.class.getName(), null));
        return new GenericDeadlineMessage<>(deadline.getString(NAME), deadline.getString("_id"), payload, metaData,
                deadline.getDate(MESSAGE_TIMESTAMP).toInstant());
    }

    static ScopeDescriptor scopeOf(Document deadline, Serializer serializer) {
        return serializer.deserialize(new SimpleSerializedObject<>(BsonJson.toJson(deadline.get(SCOPE)),
                JsonNode.class, deadline.getString(SCOPE_TYPE), deadline.getString(SCOPE_REVISION)));
    }
}
