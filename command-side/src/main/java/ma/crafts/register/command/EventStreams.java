package ma.crafts.register.command;

import java.util.function.Predicate;
import java.util.stream.Stream;
import org.axonframework.messaging.Message;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;

/** Whether an aggregate has an event stream: the event store, not a read model, is the authority on what was stored. */
public class EventStreams {
    private final EventStore eventStore;

    public EventStreams(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /**
     * Whether the aggregate's events may have been stored. The Mongo event store answers from the primary's latest data,
     * so a commit whose append failed with an unknown outcome counts: callers release a CIN, NIA or key only on
     * {@code false} (event-store/GUARANTEES.md, "May it have been stored?").
     */
    public boolean exists(String aggregateId) {
        return eventStore.lastSequenceNumberFor(aggregateId).isPresent();
    }

    /**
     * Whether any event of the aggregate's stream has a payload matching {@code payload}. Reads from the first event,
     * not from a snapshot: a snapshot holds the aggregate's state, not the events that made it.
     */
    public boolean anyPayload(String aggregateId, Predicate<Object> payload) {
        DomainEventStream events = eventStore.readEvents(aggregateId, 0);
        while (events.hasNext()) {
            if (payload.test(events.next().getPayload())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The aggregate's event payloads from its first event, read lazily; empty when it has no stream. From the first
     * event, not from a snapshot, for the same reason as {@link #anyPayload}.
     */
    public Stream<Object> payloads(String aggregateId) {
        return eventStore.readEvents(aggregateId, 0).asStream().map(Message::getPayload);
    }
}
