package ma.crafts.register.query.artisan;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import ma.crafts.register.events.artisan.ArtisanRegistered;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * Reads an artisan's stream straight from the event store, for the as-of view, as-of eligibility and the history.
 * These reads are as fresh as the store itself, so they never wait for a projection.
 */
public class ArtisanStreamReader {

    private final EventStore eventStore;
    private final ArtisanFolding folding;

    public ArtisanStreamReader(EventStore eventStore, ArtisanFolding folding) {
        this.eventStore = eventStore;
        this.folding = folding;
    }

    /** The artisan's stream; empty when nothing is stored under that id or the stream is not an artisan's. */
    public Optional<ArtisanStream> read(String artisanId) {
        // From sequence 0 explicitly: the overload without it may start from an aggregate snapshot, whose payload
        // folding cannot read and which would hide the events before it.
        DomainEventStream stream = eventStore.readEvents(artisanId, 0L);
        List<DomainEventMessage<?>> messages = new ArrayList<>();
        while (stream.hasNext()) {
            messages.add(stream.next());
        }
        if (messages.isEmpty() || !(messages.get(0).getPayload() instanceof ArtisanRegistered)) {
            return Optional.empty();
        }
        return Optional.of(new ArtisanStream(messages, folding));
    }
}
