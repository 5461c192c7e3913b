package ma.crafts.register.query.artisan;

import java.time.Instant;
import ma.crafts.register.events.artisan.DiplomaEvidenceChecked.Outcome;

/**
 * The latest diploma evidence recorded for a diploma-route artisan, with the outcome of its check against the
 * registered qualification (null until the check is recorded).
 */
public record DiplomaEvidenceState(String diplomaRef, String issuer, String evidenceRef, Instant recordedAt,
                                   Outcome outcome, String detail) {

    DiplomaEvidenceState checked(Outcome newOutcome, String newDetail) {
        return new DiplomaEvidenceState(diplomaRef, issuer, evidenceRef, recordedAt, newOutcome, newDetail);
    }
}
