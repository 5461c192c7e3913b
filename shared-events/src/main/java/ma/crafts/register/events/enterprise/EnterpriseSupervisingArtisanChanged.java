package ma.crafts.register.events.enterprise;

import org.axonframework.serialization.Revision;

/**
 * Another artisan registered in the RNA, ACTIVE at the change, now supervises the enterprise's production (Law 50.17).
 *
 * @param complianceRestored true when the enterprise had been flagged non-compliant (its former supervisor struck
 *                           off) and the new supervisor lifts the flag
 * @param reason             the clerk's, or null when none was given
 */
@Revision("1")
public record EnterpriseSupervisingArtisanChanged(String enterpriseId, String previousSupervisingArtisanId,
                                                  String supervisingArtisanId, boolean complianceRestored,
                                                  String reason) {
}
