package ma.crafts.register.query.artisan;

import java.time.Instant;
import java.util.ArrayList;
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

    /**
     * Every event with the state it left, oldest first, from the registration on: for reads that follow one thing
     * (a card) through time with the same folding as the view.
     */
    public List<Step> steps() {
        List<Step> steps = new ArrayList<>(events.size());
        ArtisanState state = null;
        for (ArtisanEvent event : events) {
            state = folding.apply(state, event).orElse(state);
            if (state != null) {
                steps.add(new Step(event, state));
            }
        }
        return steps;
    }

    /** One event of the stream and the state after it. */
    public record Step(ArtisanEvent event, ArtisanState after) {
    }

    /** The state after the events recorded at or before {@code asOf}; empty when the artisan did not exist yet. */
    public Optional<ArtisanState> asOf(Instant asOf) {
        return folding.foldUntil(events, asOf);
    }
}
