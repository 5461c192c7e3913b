package ma.crafts.register.query.cooperative;

import java.util.function.UnaryOperator;
import ma.crafts.register.events.cooperative.CooperativeDetailsAmended;
import ma.crafts.register.events.cooperative.CooperativeRegistered;
import ma.crafts.register.events.cooperative.CooperativeReinstated;
import ma.crafts.register.events.cooperative.CooperativeStruckOff;
import ma.crafts.register.events.cooperative.CooperativeSuspended;
import ma.crafts.register.query.ActorRegistration;
import ma.crafts.register.query.QueryProcessors;
import ma.crafts.register.query.artisan.ArtisanEvent;
import ma.crafts.register.query.cooperative.mongo.CooperativeRepository;
import ma.crafts.register.values.ArtisanStatus;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;

/**
 * The cooperative view. It rides on the query side's one processor so that the {@code position} of a registration's
 * response, passed as {@code ?minPosition}, also holds here. Cooperatives are few next to artisans, so it writes per
 * event: one replacement keyed by the cooperative's id, which a redelivery repeats harmlessly; a later change (an
 * amendment, a status) is applied only over an earlier version.
 */
@ProcessingGroup(QueryProcessors.ARTISAN_PROJECTIONS)
public class CooperativeProjection {

    private final CooperativeRepository repository;

    public CooperativeProjection(CooperativeRepository repository) {
        this.repository = repository;
    }

    @EventHandler
    public void on(CooperativeRegistered event, DomainEventMessage<?> message) {
        repository.save(new CooperativeRecord(new ActorRegistration(event.cooperativeId(), event.nia(), event.name(),
                event.provinceCode(), event.regionCode(), event.activityCodes(), event.branchCodes(),
                event.representativeGender(), event.representative()), ArtisanStatus.ACTIVE,
                message.getSequenceNumber(), ArtisanEvent.positionOf(message)));
    }

    @EventHandler
    public void on(CooperativeDetailsAmended event, DomainEventMessage<?> message) {
        update(event.cooperativeId(), message, current -> current.withRegistration(current.registration().amendedBy(
                event.name(), event.activityCodes(), event.branchCodes(), event.representative()),
                message.getSequenceNumber(), ArtisanEvent.positionOf(message)));
    }

    @EventHandler
    public void on(CooperativeSuspended event, DomainEventMessage<?> message) {
        status(event.cooperativeId(), ArtisanStatus.SUSPENDED, message);
    }

    @EventHandler
    public void on(CooperativeReinstated event, DomainEventMessage<?> message) {
        status(event.cooperativeId(), ArtisanStatus.ACTIVE, message);
    }

    @EventHandler
    public void on(CooperativeStruckOff event, DomainEventMessage<?> message) {
        status(event.cooperativeId(), ArtisanStatus.STRUCK_OFF, message);
    }

    private void status(String cooperativeId, ArtisanStatus status, DomainEventMessage<?> message) {
        update(cooperativeId, message, current -> current.withStatus(status, message.getSequenceNumber(),
                ArtisanEvent.positionOf(message)));
    }

    /** Applied only over an earlier version, so a redelivered event changes nothing. */
    private void update(String cooperativeId, DomainEventMessage<?> message, UnaryOperator<CooperativeRecord> change) {
        repository.find(cooperativeId)
                .filter(current -> current.version() < message.getSequenceNumber())
                .ifPresent(current -> repository.save(change.apply(current)));
    }

    @ResetHandler
    public void reset() {
        repository.clear();
    }
}
