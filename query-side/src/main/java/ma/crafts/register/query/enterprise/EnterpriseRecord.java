package ma.crafts.register.query.enterprise;

import ma.crafts.register.query.ActorRegistration;
import ma.crafts.register.values.ArtisanStatus;

/**
 * An enterprise as its read model keeps it.
 *
 * @param nonComplianceCause why the register flagged the enterprise as no longer meeting its registration's condition;
 *                           null while it does
 */
public record EnterpriseRecord(ActorRegistration registration, ArtisanStatus status, String supervisingArtisanId,
                               String nonComplianceCause, long version, long position) {

    EnterpriseRecord flaggedNonCompliant(String cause, long newVersion, long newPosition) {
        return new EnterpriseRecord(registration, status, supervisingArtisanId, cause, newVersion, newPosition);
    }

    EnterpriseRecord withRegistration(ActorRegistration amended, long newVersion, long newPosition) {
        return new EnterpriseRecord(amended, status, supervisingArtisanId, nonComplianceCause, newVersion, newPosition);
    }

    EnterpriseRecord withStatus(ArtisanStatus newStatus, long newVersion, long newPosition) {
        return new EnterpriseRecord(registration, newStatus, supervisingArtisanId, nonComplianceCause, newVersion,
                newPosition);
    }

    /** A new supervisor was ACTIVE when named, so the enterprise meets its condition again. */
    EnterpriseRecord supervisedBy(String artisanId, long newVersion, long newPosition) {
        return new EnterpriseRecord(registration, status, artisanId, null, newVersion, newPosition);
    }
}
