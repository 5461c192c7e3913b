package ma.crafts.register.events.enterprise;

import ma.crafts.register.values.LocalizedText;
import org.axonframework.serialization.Revision;

/**
 * A notice for the clerks of one region's chamber, about an enterprise registered there. The register issues it next
 * to the fact it reports (e.g. {@link EnterpriseFlaggedNonCompliant}), in the enterprise's own stream, so a read model
 * of notifications per region can be projected from the events.
 *
 * @param notificationId stable for one occurrence, so a repeated delivery is recognised
 * @param topic          e.g. {@link #ENTERPRISE_NON_COMPLIANT}
 * @param message        the notice in Arabic and French
 */
@Revision("1")
public record ChamberNotificationIssued(String notificationId, String regionCode, String enterpriseId, String topic,
                                        LocalizedText message) {
    public static final String ENTERPRISE_NON_COMPLIANT = "enterprise-non-compliant";
}
