package ma.crafts.register.query.cooperative;

import java.util.Optional;
import java.util.Set;
import ma.crafts.register.events.cooperative.CooperativeDetailsAmended;
import ma.crafts.register.events.cooperative.CooperativeRegistered;
import ma.crafts.register.events.cooperative.CooperativeReinstated;
import ma.crafts.register.events.cooperative.CooperativeStruckOff;
import ma.crafts.register.events.cooperative.CooperativeSuspended;
import ma.crafts.register.events.privacy.PersonalDataErased;
import ma.crafts.register.query.ActorRegistration;
import ma.crafts.register.query.artisan.ArtisanEvent;
import ma.crafts.register.values.ArtisanStatus;
import org.axonframework.eventhandling.DomainEventMessage;

/**
 * The one place that knows how a cooperative's events change its record: the view's projection, the history and the
 * {@code ?asOf} replay all fold through it, so a past state is computed exactly as the live view was.
 */
final class CooperativeFolding {

    /** The simple names of the event types a cooperative's stream holds, for the history's {@code type} filter. */
    static final Set<String> EVENT_TYPES = Set.of(CooperativeRegistered.class.getSimpleName(),
            PersonalDataErased.class.getSimpleName(),
            CooperativeDetailsAmended.class.getSimpleName(), CooperativeSuspended.class.getSimpleName(),
            CooperativeReinstated.class.getSimpleName(), CooperativeStruckOff.class.getSimpleName());

    private CooperativeFolding() {
    }

    /**
     * The record after one event; empty when the stream does not begin with a registration. An event type this class
     * does not know still advances the version and position.
     */
    static Optional<CooperativeRecord> apply(CooperativeRecord current, DomainEventMessage<?> message) {
        long version = message.getSequenceNumber();
        long position = ArtisanEvent.positionOf(message);
        Object event = message.getPayload();
        if (event instanceof CooperativeRegistered registered) {
            return Optional.of(new CooperativeRecord(new ActorRegistration(registered.cooperativeId(),
                    registered.nia(), registered.name(), registered.provinceCode(), registered.regionCode(),
                    registered.activityCodes(), registered.branchCodes(), registered.representativeGender(),
                    registered.representative()), ArtisanStatus.ACTIVE, version, position));
        }
        if (current == null) {
            return Optional.empty();
        }
        if (event instanceof PersonalDataErased) {
            return Optional.of(current.withRegistration(current.registration().erased(), version, position));
        }
        if (event instanceof CooperativeDetailsAmended amended) {
            return Optional.of(current.withRegistration(current.registration().amendedBy(amended.name(),
                    amended.activityCodes(), amended.branchCodes(), amended.representative()), version, position));
        }
        return Optional.of(current.withStatus(statusAfter(event, current.status()), version, position));
    }

    private static ArtisanStatus statusAfter(Object event, ArtisanStatus status) {
        if (event instanceof CooperativeSuspended) {
            return ArtisanStatus.SUSPENDED;
        }
        if (event instanceof CooperativeReinstated) {
            return ArtisanStatus.ACTIVE;
        }
        return event instanceof CooperativeStruckOff ? ArtisanStatus.STRUCK_OFF : status;
    }
}
