package ma.crafts.register.query.artisan;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import ma.crafts.register.events.artisan.DiplomaEvidenceChecked.Outcome;
import ma.crafts.register.query.PersonalDataMasking;

/** The latest diploma evidence of a diploma-route artisan and the outcome of its check. */
@Schema(name = "DiplomaEvidence")
public record DiplomaEvidenceView(String diplomaRef, String issuer, String evidenceRef, Instant recordedAt,
                                  @Schema(description = "CONFIRMED or MISMATCH against the registered diploma")
                                  Outcome outcome, String detail) {

    /**
     * @param masked for callers who see personal data masked: the outcome and the issuing body, without the diploma and
     *               attestation numbers (each names one person) or the detail that repeats them
     */
    public static DiplomaEvidenceView of(DiplomaEvidenceState e, boolean masked) {
        if (e == null) {
            return null;
        }
        return masked
                ? new DiplomaEvidenceView(PersonalDataMasking.maskText(e.diplomaRef()), e.issuer(),
                        PersonalDataMasking.maskText(e.evidenceRef()), e.recordedAt(), e.outcome(),
                        PersonalDataMasking.maskText(e.detail()))
                : new DiplomaEvidenceView(e.diplomaRef(), e.issuer(), e.evidenceRef(), e.recordedAt(), e.outcome(),
                        e.detail());
    }
}
