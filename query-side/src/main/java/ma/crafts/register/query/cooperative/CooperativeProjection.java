package ma.crafts.register.query.cooperative;

import ma.crafts.register.events.cooperative.CooperativeDetailsAmended;
import ma.crafts.register.events.cooperative.CooperativeRegistered;
import ma.crafts.register.events.cooperative.CooperativeReinstated;
import ma.crafts.register.events.cooperative.CooperativeStruckOff;
import ma.crafts.register.events.cooperative.CooperativeSuspended;
import ma.crafts.register.query.QueryProcessors;
import ma.crafts.register.query.cooperative.mongo.CooperativeRepository;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;

/**
 * The cooperative view. It rides on the query side's one processor so that the {@code position} of a registration's
 * response, passed as {@code ?minPosition}, also holds here. Cooperatives are few next to artisans, so it writes per
 * event: one replacement keyed by the cooperative's id, which a redelivery repeats harmlessly; a later change (an
 * amendment, a status) is applied only over an earlier version. What each event changes is {@link CooperativeFolding}'s.
 */
@ProcessingGroup(QueryProcessors.ARTISAN_PROJECTIONS)
public class CooperativeProjection {

    private final CooperativeRepository repository;

    public CooperativeProjection(CooperativeRepository repository) {
        this.repository = repository;
    }

    @EventHandler
    public void on(CooperativeRegistered event, DomainEventMessage<?> message) {
        CooperativeFolding.apply(null, message).ifPresent(repository::save);
    }

    @EventHandler
    public void on(CooperativeDetailsAmended event, DomainEventMessage<?> message) {
        update(event.cooperativeId(), message);
    }

    @EventHandler
    public void on(CooperativeSuspended event, DomainEventMessage<?> message) {
        update(event.cooperativeId(), message);
    }

    @EventHandler
    public void on(CooperativeReinstated event, DomainEventMessage<?> message) {
        update(event.cooperativeId(), message);
    }

    @EventHandler
    public void on(CooperativeStruckOff event, DomainEventMessage<?> message) {
        update(event.cooperativeId(), message);
    }

    /** Applied only over an earlier version, so a redelivered event changes nothing. */
    private void update(String cooperativeId, DomainEventMessage<?> message) {
        repository.find(cooperativeId)
                .filter(current -> current.version() < message.getSequenceNumber())
                .flatMap(current -> CooperativeFolding.apply(current, message))
                .ifPresent(repository::save);
    }

    @ResetHandler
    public void reset() {
        repository.clear();
    }
}
