package ma.crafts.register.events.artisan;

import ma.crafts.register.values.SealedText;
import org.axonframework.serialization.Revision;

/**
 * A clerk recorded the evidence of the diploma an artisan registered on (diploma route). The check of that evidence
 * against the register follows as {@link DiplomaEvidenceChecked}.
 *
 * @param diplomaRef  the diploma's reference as it reads on the evidence, sealed under the artisan's key (it names one
 *                    person; revision 1 held it in clear)
 * @param issuer      the training body that issued it
 * @param evidenceRef reference of the document held by the chamber (scan, file number), sealed like {@code diplomaRef}
 */
@Revision("2")
public record DiplomaEvidenceRecorded(String artisanId, SealedText diplomaRef, String issuer, SealedText evidenceRef) {
}
