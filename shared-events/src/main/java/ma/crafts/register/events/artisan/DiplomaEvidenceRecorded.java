package ma.crafts.register.events.artisan;

import org.axonframework.serialization.Revision;

/**
 * A clerk recorded the evidence of the diploma an artisan registered on (diploma route). The check of that evidence
 * against the register follows as {@link DiplomaEvidenceChecked}.
 *
 * @param diplomaRef  the diploma's reference as it reads on the evidence
 * @param issuer      the training body that issued it
 * @param evidenceRef reference of the document held by the chamber (scan, file number)
 */
@Revision("1")
public record DiplomaEvidenceRecorded(String artisanId, String diplomaRef, String issuer, String evidenceRef) {
}
