package ma.crafts.register.query.artisan;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;

/**
 * One event of an artisan's stream, reduced to what folding and the read models need. The same envelope is built from
 * events delivered by a tracking processor and from events read back with {@code EventStore#readEvents}, so the
 * projection and the as-of replay fold exactly the same input.
 *
 * @param artisanId  the aggregate identifier of the stream
 * @param sequence   the aggregate sequence number (the artisan's {@code version})
 * @param position   the global store position, or {@code -1} when the store did not say
 * @param occurredAt when the event was recorded
 * @param payload    the event record
 */
public record ArtisanEvent(String artisanId, long sequence, long position, Instant occurredAt, Object payload) {

    /** Metadata key under which the event store exposes an event's global position (architecture contract). */
    public static final String GLOBAL_POSITION = "globalPosition";

    public ArtisanEvent {
        Objects.requireNonNull(artisanId, "artisanId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(payload, "payload");
    }

    public static ArtisanEvent of(DomainEventMessage<?> message) {
        return new ArtisanEvent(message.getAggregateIdentifier(), message.getSequenceNumber(), positionOf(message),
                message.getTimestamp(), message.getPayload());
    }

    /** The global position of an event: the store's metadata first, the tracking token as a fallback, else -1. */
    public static long positionOf(EventMessage<?> message) {
        Object value = message.getMetaData().get(GLOBAL_POSITION);
        if (value instanceof Number number) {
            return number.longValue();
        }
        if (value instanceof String text && !text.isBlank()) {
            try {
                return Long.parseLong(text.trim());
            } catch (NumberFormatException ignored) {
                // fall through to the token
            }
        }
        if (message instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null) {
            OptionalLong fromToken = tracked.trackingToken().position();
            if (fromToken.isPresent()) {
                return fromToken.getAsLong();
            }
        }
        return -1L;
    }
}
