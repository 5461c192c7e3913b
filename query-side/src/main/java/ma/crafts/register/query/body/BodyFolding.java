package ma.crafts.register.query.body;

import java.util.Optional;
import java.util.Set;
import ma.crafts.register.events.body.ProfessionalBodyAffiliated;
import ma.crafts.register.events.body.ProfessionalBodyConstituted;
import ma.crafts.register.query.artisan.ArtisanEvent;
import org.axonframework.eventhandling.DomainEventMessage;

/**
 * How a body's own stream (its constitution, its affiliation) makes its record, for the history and {@code ?asOf}.
 * Its children and members are recorded in other streams (the children's, the artisans'); the live view gathers them
 * in {@link BodyProjection}.
 */
final class BodyFolding {

    /** The simple names of the event types a body's stream holds, for the history's {@code type} filter. */
    static final Set<String> EVENT_TYPES = Set.of(ProfessionalBodyConstituted.class.getSimpleName(),
            ProfessionalBodyAffiliated.class.getSimpleName());

    private BodyFolding() {
    }

    /**
     * The record after one event; empty when the stream does not begin with a constitution. An event type this class
     * does not know still advances the version and position.
     */
    static Optional<FoldedBody> apply(FoldedBody current, DomainEventMessage<?> message) {
        long version = message.getSequenceNumber();
        long position = ArtisanEvent.positionOf(message);
        Object event = message.getPayload();
        if (event instanceof ProfessionalBodyConstituted constituted) {
            return Optional.of(new FoldedBody(constituted.bodyId(), constituted.level(), constituted.branchCode(),
                    constituted.territoryCode(), constituted.regionCode(), constituted.name(), null, version,
                    position));
        }
        if (current == null) {
            return Optional.empty();
        }
        String parentBodyId = event instanceof ProfessionalBodyAffiliated affiliated
                ? affiliated.parentBodyId() : current.parentBodyId();
        return Optional.of(new FoldedBody(current.bodyId(), current.level(), current.branchCode(),
                current.territoryCode(), current.regionCode(), current.name(), parentBodyId, version, position));
    }
}
