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

    public static DiplomaEvidenceView of(DiplomaEvidenceState e) {
        return e == null ? null : new DiplomaEvidenceView(e.diplomaRef(), e.issuer(), e.evidenceRef(), e.recordedAt(),
                e.outcome(), e.detail());
    }

    /**
     * For callers who see personal data masked: the outcome and the issuing body, without the diploma and attestation
     * numbers (each names one person) or the detail that repeats them.
     */
    DiplomaEvidenceView masked() {
        return new DiplomaEvidenceView(PersonalDataMasking.MASK, issuer, PersonalDataMasking.MASK, recordedAt, outcome,
                detail == null ? null : PersonalDataMasking.MASK);
    }
}
