package ma.crafts.register.command.enterprise;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.function.Supplier;
import ma.crafts.register.command.artisan.Artisan;
import ma.crafts.register.values.ArtisanStatus;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.axonframework.serialization.Serializer;

/**
 * Loads the artisan through Axon's repository (its snapshot and events) inside the unit of work of the command that
 * asks, which also holds the artisan's lock until that command commits: a strike-off handled in this process waits
 * for the enterprise's registration, and so reaches {@link EnterpriseCompliance} after it.
 *
 * <p>{@link Artisan} exposes no accessor for its status, so the status is read from the artisan's state as the
 * snapshot serializer sees it (its fields are Jackson-visible because snapshots are stored that way). Should the artisan
 * ever publish its status, read it from there instead.
 */
public class EventSourcedSupervisingArtisans implements SupervisingArtisans {
    private final Supplier<Repository<Artisan>> repository;
    private final Serializer snapshotSerializer;

    /** The repository is looked up lazily because Axon builds it after the beans that use it. */
    public EventSourcedSupervisingArtisans(Supplier<Repository<Artisan>> repository, Serializer snapshotSerializer) {
        this.repository = repository;
        this.snapshotSerializer = snapshotSerializer;
    }

    @Override
    public Optional<ArtisanStatus> statusOf(String artisanId, String withinRegion) {
        if (artisanId == null || artisanId.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode state = repository.get().load(artisanId)
                    .invoke(artisan -> snapshotSerializer.serialize(artisan, JsonNode.class).getData());
            if (!artisanId.equals(state.path("artisanId").asText(null))) {
                // Another actor's stream (an enterprise or cooperative id given as an artisan id).
                return Optional.empty();
            }
            if (withinRegion != null && !withinRegion.equals(state.path("regionCode").asText(null))) {
                return Optional.empty();
            }
            String status = state.path("status").asText(null);
            return status == null ? Optional.empty() : Optional.of(ArtisanStatus.valueOf(status));
        } catch (AggregateNotFoundException | IncompatibleAggregateException e) {
            return Optional.empty();
        }
    }
}
