package ma.crafts.register.events.artisan;

import ma.crafts.register.values.SealedText;
import org.axonframework.serialization.Revision;

/**
 * The artisan became a master artisan (maâlem, الصانع التقليدي "لمعلم") on proof of at least the required years of
 * effective practice (Law 50.17: 10 years).
 *
 * @param yearsOfPractice years of effective practice attested on this day
 * @param evidenceRef     reference of the attestation of recognition of professional experience, sealed under the
 *                        artisan's key (it names one person; revision 1 held it in clear)
 */
@Revision("2")
public record MasterArtisanStatusGranted(String artisanId, int yearsOfPractice, SealedText evidenceRef) {
}
