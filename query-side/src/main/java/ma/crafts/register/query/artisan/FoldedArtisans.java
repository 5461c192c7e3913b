package ma.crafts.register.query.artisan;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import ma.crafts.register.query.ProjectionBatches;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;

/**
 * The folded states of the artisans one tracking batch touches, as one projection stores them: loaded with one lookup
 * for the whole batch, then advanced event by event with {@link ArtisanFolding} (or a {@link Fold} that also knows
 * other streams). An event at or below the stored version is skipped, which makes a redelivered batch change nothing.
 */
public final class FoldedArtisans {

    /**
     * One event's effect on a state, as {@link ArtisanFolding#apply} gives it: empty when there is nothing to apply it
     * to, the state itself when it changes nothing.
     */
    @FunctionalInterface
    public interface Fold {
        Optional<ArtisanState> apply(ArtisanState current, ArtisanEvent event);
    }

    private final Fold folding;
    private final Function<String, Optional<ArtisanState>> loadOne;
    private final Map<String, ArtisanState> states = new HashMap<>();
    private final Set<String> loaded = new HashSet<>();
    private final Map<String, ArtisanState> changed = new LinkedHashMap<>();

    /** One artisan's state before and after an event that changed it ({@code before} is null at registration). */
    public record Step(ArtisanState before, ArtisanState after) {
    }

    public FoldedArtisans(ProjectionBatches.Scope scope, ArtisanFolding folding,
                          Function<Collection<String>, Map<String, ArtisanState>> loadAll,
                          Function<String, Optional<ArtisanState>> loadOne) {
        this(scope, folding::apply, loadAll, loadOne);
    }

    public FoldedArtisans(ProjectionBatches.Scope scope, Fold folding,
                          Function<Collection<String>, Map<String, ArtisanState>> loadAll,
                          Function<String, Optional<ArtisanState>> loadOne) {
        this.folding = folding;
        this.loadOne = loadOne;
        Set<String> ids = new LinkedHashSet<>();
        for (EventMessage<?> message : scope.messages()) {
            if (message instanceof DomainEventMessage<?> domain) {
                ids.add(domain.getAggregateIdentifier());
            }
        }
        states.putAll(loadAll.apply(ids));
        loaded.addAll(ids);
    }

    /** Applies the event; empty when it changes nothing (unknown artisan, already applied, no effect). */
    public Optional<Step> apply(ArtisanEvent event) {
        ArtisanState current = current(event.artisanId());
        if (current != null && event.sequence() <= current.version()) {
            return Optional.empty();
        }
        ArtisanState next = folding.apply(current, event).orElse(null);
        if (next == null || next == current) {
            return Optional.empty();
        }
        states.put(next.artisanId(), next);
        changed.put(next.artisanId(), next);
        return Optional.of(new Step(current, next));
    }

    /** The states this batch changed, in the order they first changed. */
    public Collection<ArtisanState> changed() {
        return changed.values();
    }

    private ArtisanState current(String artisanId) {
        if (loaded.add(artisanId)) {
            loadOne.apply(artisanId).ifPresent(state -> states.put(artisanId, state));
        }
        return states.get(artisanId);
    }
}
