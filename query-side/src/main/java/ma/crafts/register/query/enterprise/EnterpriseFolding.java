package ma.crafts.register.query.enterprise;

import java.util.Optional;
import java.util.Set;
import ma.crafts.register.events.enterprise.ChamberNotificationIssued;
import ma.crafts.register.events.enterprise.EnterpriseDetailsAmended;
import ma.crafts.register.events.enterprise.EnterpriseFlaggedNonCompliant;
import ma.crafts.register.events.enterprise.EnterpriseRegistered;
import ma.crafts.register.events.enterprise.EnterpriseReinstated;
import ma.crafts.register.events.enterprise.EnterpriseStruckOff;
import ma.crafts.register.events.enterprise.EnterpriseSupervisingArtisanChanged;
import ma.crafts.register.events.enterprise.EnterpriseSuspended;
import ma.crafts.register.events.privacy.PersonalDataErased;
import ma.crafts.register.query.ActorRegistration;
import ma.crafts.register.query.artisan.ArtisanEvent;
import ma.crafts.register.values.ArtisanStatus;
import org.axonframework.eventhandling.DomainEventMessage;

/**
 * The one place that knows how an enterprise's events change its record: the view's projection, the history and the
 * {@code ?asOf} replay all fold through it, so a past state is computed exactly as the live view was.
 */
final class EnterpriseFolding {

    /**
     * The simple names of the event types an enterprise's stream holds, for the history's {@code type} filter: its
     * own, and the notices to its chamber that the enterprise records when it is flagged.
     */
    static final Set<String> EVENT_TYPES = Set.of(EnterpriseRegistered.class.getSimpleName(),
            PersonalDataErased.class.getSimpleName(),
            ChamberNotificationIssued.class.getSimpleName(),
            EnterpriseDetailsAmended.class.getSimpleName(), EnterpriseFlaggedNonCompliant.class.getSimpleName(),
            EnterpriseSupervisingArtisanChanged.class.getSimpleName(), EnterpriseSuspended.class.getSimpleName(),
            EnterpriseReinstated.class.getSimpleName(), EnterpriseStruckOff.class.getSimpleName());

    private EnterpriseFolding() {
    }

    /**
     * The record after one event; empty when the stream does not begin with a registration. An event type this class
     * does not know (a notice to a chamber) still advances the version and position.
     */
    static Optional<EnterpriseRecord> apply(EnterpriseRecord current, DomainEventMessage<?> message) {
        long version = message.getSequenceNumber();
        long position = ArtisanEvent.positionOf(message);
        Object event = message.getPayload();
        if (event instanceof EnterpriseRegistered registered) {
            return Optional.of(new EnterpriseRecord(new ActorRegistration(registered.enterpriseId(), registered.nia(),
                    registered.name(), registered.provinceCode(), registered.regionCode(), registered.activityCodes(),
                    registered.branchCodes(), registered.representativeGender(), registered.representative()),
                    ArtisanStatus.ACTIVE, registered.supervisingArtisanId(), null, version, position));
        }
        if (current == null) {
            return Optional.empty();
        }
        if (event instanceof PersonalDataErased) {
            return Optional.of(current.withRegistration(current.registration().erased(), version, position));
        }
        if (event instanceof EnterpriseDetailsAmended amended) {
            return Optional.of(current.withRegistration(current.registration().amendedBy(amended.name(),
                    amended.activityCodes(), amended.branchCodes(), amended.representative()), version, position));
        }
        if (event instanceof EnterpriseFlaggedNonCompliant flagged) {
            return Optional.of(current.flaggedNonCompliant(flagged.cause(), version, position));
        }
        if (event instanceof EnterpriseSupervisingArtisanChanged changed) {
            return Optional.of(current.supervisedBy(changed.supervisingArtisanId(), version, position));
        }
        return Optional.of(current.withStatus(statusAfter(event, current.status()), version, position));
    }

    private static ArtisanStatus statusAfter(Object event, ArtisanStatus status) {
        if (event instanceof EnterpriseSuspended) {
            return ArtisanStatus.SUSPENDED;
        }
        if (event instanceof EnterpriseReinstated) {
            return ArtisanStatus.ACTIVE;
        }
        return event instanceof EnterpriseStruckOff ? ArtisanStatus.STRUCK_OFF : status;
    }
}
