package ma.crafts.register.events.enterprise;

import org.axonframework.serialization.Revision;

/**
 * The enterprise no longer meets the condition of its registration (Law 50.17: production supervised by an artisan
 * registered in the RNA). Raised by the register itself, not by a clerk, when its supervising artisan is struck off.
 *
 * @param cause {@link #SUPERVISING_ARTISAN_STRUCK_OFF}
 */
@Revision("1")
public record EnterpriseFlaggedNonCompliant(String enterpriseId, String supervisingArtisanId, String regionCode,
                                            String cause) {
    public static final String SUPERVISING_ARTISAN_STRUCK_OFF = "supervising-artisan-struck-off";
}
