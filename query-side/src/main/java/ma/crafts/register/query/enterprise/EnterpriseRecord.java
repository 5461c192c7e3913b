package ma.crafts.register.query.enterprise;

import ma.crafts.register.query.ActorRegistration;

/**
 * An enterprise as its read model keeps it.
 *
 * @param nonComplianceCause why the register flagged the enterprise as no longer meeting its registration's condition;
 *                           null while it does
 */
public record EnterpriseRecord(ActorRegistration registration, String supervisingArtisanId, String nonComplianceCause,
                               long version, long position) {

    EnterpriseRecord flaggedNonCompliant(String cause, long newVersion, long newPosition) {
        return new EnterpriseRecord(registration, supervisingArtisanId, cause, newVersion, newPosition);
    }
}
