package ma.crafts.register.command;

import org.axonframework.eventsourcing.eventstore.EventStore;

/** Whether an aggregate has an event stream: the event store, not a read model, is the authority on what was stored. */
public class EventStreams {
    private final EventStore eventStore;

    public EventStreams(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    public boolean exists(String aggregateId) {
        return eventStore.lastSequenceNumberFor(aggregateId).isPresent();
    }
}
