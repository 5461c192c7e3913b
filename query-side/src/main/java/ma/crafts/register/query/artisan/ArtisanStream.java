package ma.crafts.register.query.artisan;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;

/**
 * An artisan's events as read back from the event store, oldest first, with the folding that turns them into a
 * state now or at a past instant.
 */
public final class ArtisanStream {

    private final List<DomainEventMessage<?>> messages;
    private final List<ArtisanEvent> events;
    private final ArtisanFolding folding;

    ArtisanStream(List<DomainEventMessage<?>> messages, ArtisanFolding folding) {
        this.messages = List.copyOf(messages);
        this.events = messages.stream().<ArtisanEvent>map(ArtisanEvent::of).toList();
        this.folding = folding;
    }

    /** The raw messages, with their metadata, in stream order. */
    public List<DomainEventMessage<?>> messages() {
        return messages;
    }

    /** The state after every event; empty when the stream is not an artisan's. */
    public Optional<ArtisanState> current() {
        return folding.foldAll(events);
    }

    /** The state after the events recorded at or before {@code asOf}; empty when the artisan did not exist yet. */
    public Optional<ArtisanState> asOf(Instant asOf) {
        return folding.foldUntil(events, asOf);
    }
}
