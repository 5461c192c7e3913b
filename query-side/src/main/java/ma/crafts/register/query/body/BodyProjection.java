package ma.crafts.register.query.body;

import ma.crafts.register.events.artisan.ArtisanJoinedProfessionalBody;
import ma.crafts.register.events.artisan.ProfessionalBodyMembershipEnded;
import ma.crafts.register.events.body.ProfessionalBodyAffiliated;
import ma.crafts.register.events.body.ProfessionalBodyConstituted;
import ma.crafts.register.query.QueryProcessors;
import ma.crafts.register.query.artisan.ArtisanEvent;
import ma.crafts.register.query.body.mongo.BodyRepository;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;

/**
 * The professional bodies with their place in the hierarchy and their current members, fed by the bodies' streams and
 * by the membership events of the artisans' streams. On the query side's one processor, so that a command's
 * {@code position} passed as {@code ?minPosition} holds here too. Bodies and memberships change rarely next to
 * registrations, so it writes per event; every write is idempotent (see {@link BodyRepository}).
 */
@ProcessingGroup(QueryProcessors.ARTISAN_PROJECTIONS)
public class BodyProjection {

    private final BodyRepository repository;

    public BodyProjection(BodyRepository repository) {
        this.repository = repository;
    }

    @EventHandler
    public void on(ProfessionalBodyConstituted event, DomainEventMessage<?> message) {
        repository.constituted(event.bodyId(), event.level(), event.branchCode(), event.territoryCode(),
                event.regionCode(), event.name(), message.getSequenceNumber(), ArtisanEvent.positionOf(message));
    }

    @EventHandler
    public void on(ProfessionalBodyAffiliated event, DomainEventMessage<?> message) {
        repository.affiliated(event.bodyId(), event.parentBodyId(), message.getSequenceNumber(),
                ArtisanEvent.positionOf(message));
    }

    @EventHandler
    public void on(ArtisanJoinedProfessionalBody event, DomainEventMessage<?> message) {
        repository.joined(event.bodyId(), event.artisanId(), event.since(), ArtisanEvent.positionOf(message));
    }

    @EventHandler
    public void on(ProfessionalBodyMembershipEnded event, DomainEventMessage<?> message) {
        repository.left(event.bodyId(), event.artisanId(), ArtisanEvent.positionOf(message));
    }

    @ResetHandler
    public void reset() {
        repository.clear();
    }
}
