package ma.crafts.register.command.enterprise;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record that the enterprise no longer meets its registration condition. Sent by {@link EnterpriseCompliance}, not by
 * a clerk; repeating it changes nothing.
 *
 * @param supervisingArtisanId the supervisor whose loss of status is the cause
 * @param cause                e.g. {@code EnterpriseFlaggedNonCompliant.SUPERVISING_ARTISAN_STRUCK_OFF}
 */
public record FlagEnterpriseNonCompliant(@TargetAggregateIdentifier String enterpriseId, String supervisingArtisanId,
                                         String cause) {
}
