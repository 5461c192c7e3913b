package ma.crafts.register.events.artisan;

import org.axonframework.serialization.Revision;

/**
 * The artisan became a master artisan (maâlem, الصانع التقليدي "لمعلم") on proof of at least the required years of
 * effective practice (Law 50.17: 10 years).
 *
 * @param yearsOfPractice years of effective practice attested on this day
 * @param evidenceRef     reference of the attestation of recognition of professional experience
 */
@Revision("1")
public record MasterArtisanStatusGranted(String artisanId, int yearsOfPractice, String evidenceRef) {
}
