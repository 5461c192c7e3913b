package ma.crafts.register.events.enterprise;

import ma.crafts.register.values.SealedText;
import org.axonframework.serialization.Revision;

/**
 * Another artisan registered in the RNA, ACTIVE at the change, now supervises the enterprise's production (Law 50.17).
 *
 * @param complianceRestored true when the enterprise had been flagged non-compliant (its former supervisor struck
 *                           off) and the new supervisor lifts the flag
 * @param reason             the clerk's, sealed under the enterprise's key (revision 1 held it in clear), or null
 *                           when none was given
 */
@Revision("2")
public record EnterpriseSupervisingArtisanChanged(String enterpriseId, String previousSupervisingArtisanId,
                                                  String supervisingArtisanId, boolean complianceRestored,
                                                  SealedText reason) {
}
