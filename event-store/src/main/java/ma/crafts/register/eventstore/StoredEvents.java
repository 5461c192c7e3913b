package ma.crafts.register.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;

/**
 * Axon's view of one stored event. The content type is declared as {@link JsonNode} (not the concrete node class) so the
 * Jackson serializer and the upcasters read the tree directly, without a detour through bytes.
 */
final class StoredEvents {
    private StoredEvents() {
    }

    record Content(String eventId, Instant timestamp, String payloadType, String payloadRevision, JsonNode payload,
                   JsonNode metaData) {
        SerializedObject<JsonNode> serializedPayload() {
            return new SimpleSerializedObject<>(payload, JsonNode.class, payloadType, payloadRevision);
        }

        SerializedObject<JsonNode> serializedMetaData() {
            return new SimpleSerializedObject<>(metaData, JsonNode.class, org.axonframework.messaging.MetaData.class.getName(), null);
        }
    }

    /** The parts every stored event has, whether or not an aggregate applied it. */
    interface WithContent extends org.axonframework.eventhandling.EventData<JsonNode> {
        Content content();

        @Override
        default String getEventIdentifier() {
            return content().eventId();
        }

        @Override
        default Instant getTimestamp() {
            return content().timestamp();
        }

        @Override
        default SerializedObject<JsonNode> getMetaData() {
            return content().serializedMetaData();
        }

        @Override
        default SerializedObject<JsonNode> getPayload() {
            return content().serializedPayload();
        }
    }

    /** An event applied by an aggregate. */
    record Domain(String type, String aggregateIdentifier, long sequenceNumber, Content content)
            implements DomainEventData<JsonNode>, WithContent {
        @Override
        public String getType() {
            return type;
        }

        @Override
        public String getAggregateIdentifier() {
            return aggregateIdentifier;
        }

        @Override
        public long getSequenceNumber() {
            return sequenceNumber;
        }
    }

    /** An event published outside any aggregate; it has a global position but no stream. */
    record Tracked(TrackingToken trackingToken, Content content) implements TrackedEventData<JsonNode>, WithContent {
    }
}
