package ma.crafts.register.query.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import ma.crafts.register.errors.NotFoundException;
import ma.crafts.register.query.ProjectionFreshness;
import ma.crafts.register.query.ReadAccess;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * The history and the {@code ?asOf} state of an actor whose view is a record folded from its own stream (a cooperative,
 * an enterprise, a professional body), read straight from the event store and folded once, in order, with the fold its
 * projection uses.
 */
public class ActorHistories {

    /**
     * One event's effect on an actor's record: empty when there is nothing to apply it to (the stream does not begin
     * with the actor's registration).
     */
    @FunctionalInterface
    public interface Fold<R> {
        Optional<R> apply(R current, DomainEventMessage<?> message);
    }

    /**
     * Who may read an actor's history, and how much of its personal data they see.
     *
     * @param requireReader checked before anything is read, so that nobody without the right to the answer waits
     * @param requireRead   checked with the actor's region once its stream is folded; given null when the stream holds
     *                      no such actor (a 404 follows unless it refuses first)
     */
    public record Readers(Runnable requireReader, Function<String, ReadAccess.Disclosure> requireRead) {
    }

    private final EventStore eventStore;
    private final HistoryPages pages;
    private final ReadAccess access;
    private final ProjectionFreshness freshness;

    public ActorHistories(EventStore eventStore, HistoryPages pages, ReadAccess access, ProjectionFreshness freshness) {
        this.eventStore = eventStore;
        this.pages = pages;
        this.access = access;
        this.freshness = freshness;
    }

    /** The history of an actor that the readers of artisans read (a cooperative, an enterprise). */
    public <R> HistoryPage history(String kind, String actorId, HistoryQuery query, Fold<R> fold,
                                   Function<R, String> regionOf) {
        return history(kind, actorId, query, fold, regionOf, artisanReaders());
    }

    /**
     * @param kind     what the actor is called in a 404, e.g. "cooperative"
     * @param regionOf the region whose clerks may read the actor, from its current record
     */
    public <R> HistoryPage history(String kind, String actorId, HistoryQuery query, Fold<R> fold,
                                   Function<R, String> regionOf, Readers readers) {
        readers.requireReader().run();
        freshness.awaitStore(query.paging().minPosition());
        List<DomainEventMessage<?>> messages = read(actorId);
        List<R> states = new ArrayList<>(messages.size());
        R state = null;
        for (DomainEventMessage<?> message : messages) {
            state = fold.apply(state, message).orElse(null);
            if (state == null) {
                break;
            }
            states.add(state);
        }
        boolean full = access.inHistory(readers.requireRead().apply(state == null ? null : regionOf.apply(state)))
                == ReadAccess.Disclosure.FULL;
        if (state == null) {
            throw new NotFoundException("No " + kind + " is registered under " + actorId);
        }
        return pages.page(actorId, messages, states, query, full);
    }

    private Readers artisanReaders() {
        // An unknown actor is a plain 404 for every reader of artisans, as for the view.
        return new Readers(access::requireArtisanReader,
                region -> region == null ? ReadAccess.Disclosure.MASKED : access.requireArtisanRead(region));
    }

    /** The record after the events recorded at or before {@code asOf}; empty when the actor did not exist yet. */
    public <R> Optional<R> asOf(String actorId, Instant asOf, Fold<R> fold) {
        R state = null;
        for (DomainEventMessage<?> message : read(actorId)) {
            if (message.getTimestamp().isAfter(asOf)) {
                break;
            }
            state = fold.apply(state, message).orElse(null);
            if (state == null) {
                return Optional.empty();
            }
        }
        return Optional.ofNullable(state);
    }

    private List<DomainEventMessage<?>> read(String actorId) {
        // From sequence 0 explicitly: the overload without it may start from an aggregate snapshot.
        DomainEventStream stream = eventStore.readEvents(actorId, 0L);
        List<DomainEventMessage<?>> messages = new ArrayList<>();
        while (stream.hasNext()) {
            messages.add(stream.next());
        }
        return messages;
    }
}
