package ma.crafts.register.query.enterprise;

import ma.crafts.register.events.enterprise.EnterpriseDetailsAmended;
import ma.crafts.register.events.enterprise.EnterpriseFlaggedNonCompliant;
import ma.crafts.register.events.enterprise.EnterpriseRegistered;
import ma.crafts.register.events.enterprise.EnterpriseReinstated;
import ma.crafts.register.events.enterprise.EnterpriseStruckOff;
import ma.crafts.register.events.enterprise.EnterpriseSupervisingArtisanChanged;
import ma.crafts.register.events.enterprise.EnterpriseSuspended;
import ma.crafts.register.query.QueryProcessors;
import ma.crafts.register.query.enterprise.mongo.EnterpriseRepository;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;

/**
 * The enterprise view, on the query side's one processor (so {@code ?minPosition} holds here too), written per event
 * like the cooperatives': enterprises are few and change rarely. A later event is applied only over an earlier
 * version, so a redelivered one changes nothing. What each event changes is {@link EnterpriseFolding}'s.
 */
@ProcessingGroup(QueryProcessors.ARTISAN_PROJECTIONS)
public class EnterpriseProjection {

    private final EnterpriseRepository repository;

    public EnterpriseProjection(EnterpriseRepository repository) {
        this.repository = repository;
    }

    @EventHandler
    public void on(EnterpriseRegistered event, DomainEventMessage<?> message) {
        EnterpriseFolding.apply(null, message).ifPresent(repository::save);
    }

    @EventHandler
    public void on(EnterpriseDetailsAmended event, DomainEventMessage<?> message) {
        update(event.enterpriseId(), message);
    }

    @EventHandler
    public void on(EnterpriseFlaggedNonCompliant event, DomainEventMessage<?> message) {
        update(event.enterpriseId(), message);
    }

    @EventHandler
    public void on(EnterpriseSupervisingArtisanChanged event, DomainEventMessage<?> message) {
        update(event.enterpriseId(), message);
    }

    @EventHandler
    public void on(EnterpriseSuspended event, DomainEventMessage<?> message) {
        update(event.enterpriseId(), message);
    }

    @EventHandler
    public void on(EnterpriseReinstated event, DomainEventMessage<?> message) {
        update(event.enterpriseId(), message);
    }

    @EventHandler
    public void on(EnterpriseStruckOff event, DomainEventMessage<?> message) {
        update(event.enterpriseId(), message);
    }

    private void update(String enterpriseId, DomainEventMessage<?> message) {
        repository.find(enterpriseId)
                .filter(current -> current.version() < message.getSequenceNumber())
                .flatMap(current -> EnterpriseFolding.apply(current, message))
                .ifPresent(repository::save);
    }

    @ResetHandler
    public void reset() {
        repository.clear();
    }
}
