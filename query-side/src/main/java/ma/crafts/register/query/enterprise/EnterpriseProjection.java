package ma.crafts.register.query.enterprise;

import java.util.function.UnaryOperator;
import ma.crafts.register.events.enterprise.EnterpriseDetailsAmended;
import ma.crafts.register.events.enterprise.EnterpriseFlaggedNonCompliant;
import ma.crafts.register.events.enterprise.EnterpriseRegistered;
import ma.crafts.register.events.enterprise.EnterpriseReinstated;
import ma.crafts.register.events.enterprise.EnterpriseStruckOff;
import ma.crafts.register.events.enterprise.EnterpriseSupervisingArtisanChanged;
import ma.crafts.register.events.enterprise.EnterpriseSuspended;
import ma.crafts.register.query.ActorRegistration;
import ma.crafts.register.query.QueryProcessors;
import ma.crafts.register.query.artisan.ArtisanEvent;
import ma.crafts.register.query.enterprise.mongo.EnterpriseRepository;
import ma.crafts.register.values.ArtisanStatus;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;

/**
 * The enterprise view, on the query side's one processor (so {@code ?minPosition} holds here too), written per event
 * like the cooperatives': enterprises are few and change rarely. A later event is applied only over an earlier
 * version, so a redelivered one changes nothing.
 */
@ProcessingGroup(QueryProcessors.ARTISAN_PROJECTIONS)
public class EnterpriseProjection {

    private final EnterpriseRepository repository;

    public EnterpriseProjection(EnterpriseRepository repository) {
        this.repository = repository;
    }

    @EventHandler
    public void on(EnterpriseRegistered event, DomainEventMessage<?> message) {
        repository.save(new EnterpriseRecord(new ActorRegistration(event.enterpriseId(), event.nia(), event.name(),
                event.provinceCode(), event.regionCode(), event.activityCodes(), event.branchCodes(),
                event.representativeGender(), event.representative()), ArtisanStatus.ACTIVE,
                event.supervisingArtisanId(), null,
                message.getSequenceNumber(), ArtisanEvent.positionOf(message)));
    }

    @EventHandler
    public void on(EnterpriseDetailsAmended event, DomainEventMessage<?> message) {
        update(event.enterpriseId(), message, current -> current.withRegistration(current.registration().amendedBy(
                event.name(), event.activityCodes(), event.branchCodes(), event.representative()),
                message.getSequenceNumber(), ArtisanEvent.positionOf(message)));
    }

    @EventHandler
    public void on(EnterpriseFlaggedNonCompliant event, DomainEventMessage<?> message) {
        update(event.enterpriseId(), message, current -> current.flaggedNonCompliant(event.cause(),
                message.getSequenceNumber(), ArtisanEvent.positionOf(message)));
    }

    @EventHandler
    public void on(EnterpriseSupervisingArtisanChanged event, DomainEventMessage<?> message) {
        update(event.enterpriseId(), message, current -> current.supervisedBy(event.supervisingArtisanId(),
                message.getSequenceNumber(), ArtisanEvent.positionOf(message)));
    }

    @EventHandler
    public void on(EnterpriseSuspended event, DomainEventMessage<?> message) {
        status(event.enterpriseId(), ArtisanStatus.SUSPENDED, message);
    }

    @EventHandler
    public void on(EnterpriseReinstated event, DomainEventMessage<?> message) {
        status(event.enterpriseId(), ArtisanStatus.ACTIVE, message);
    }

    @EventHandler
    public void on(EnterpriseStruckOff event, DomainEventMessage<?> message) {
        status(event.enterpriseId(), ArtisanStatus.STRUCK_OFF, message);
    }

    private void status(String enterpriseId, ArtisanStatus status, DomainEventMessage<?> message) {
        update(enterpriseId, message, current -> current.withStatus(status, message.getSequenceNumber(),
                ArtisanEvent.positionOf(message)));
    }

    private void update(String enterpriseId, DomainEventMessage<?> message, UnaryOperator<EnterpriseRecord> change) {
        repository.find(enterpriseId)
                .filter(current -> current.version() < message.getSequenceNumber())
                .ifPresent(current -> repository.save(change.apply(current)));
    }

    @ResetHandler
    public void reset() {
        repository.clear();
    }
}
