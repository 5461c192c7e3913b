package ma.crafts.register.query.artisan;

import java.time.Instant;
import ma.crafts.register.events.artisan.DiplomaEvidenceChecked.Outcome;
import ma.crafts.register.values.SealedText;

/**
 * The latest diploma evidence recorded for a diploma-route artisan, with the outcome of its check against the
 * registered qualification (null until the check is recorded). The two references are sealed under the artisan's key.
 */
public record DiplomaEvidenceState(SealedText diplomaRef, String issuer, SealedText evidenceRef, Instant recordedAt,
                                   Outcome outcome, String detail) {

    DiplomaEvidenceState checked(Outcome newOutcome, String newDetail) {
        return new DiplomaEvidenceState(diplomaRef, issuer, evidenceRef, recordedAt, newOutcome, newDetail);
    }
}
