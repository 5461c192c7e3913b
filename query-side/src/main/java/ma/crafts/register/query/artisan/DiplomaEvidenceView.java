package ma.crafts.register.query.artisan;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.function.Function;
import ma.crafts.register.events.artisan.DiplomaEvidenceChecked.Outcome;
import ma.crafts.register.query.PersonalDataMasking;
import ma.crafts.register.values.SealedText;

/** The latest diploma evidence of a diploma-route artisan and the outcome of its check. */
@Schema(name = "DiplomaEvidence")
public record DiplomaEvidenceView(String diplomaRef, String issuer, String evidenceRef, Instant recordedAt,
                                  @Schema(description = "CONFIRMED or MISMATCH against the registered diploma")
                                  Outcome outcome, String detail) {

    /**
     * @param shown  the caller's view of sealed text: the diploma and attestation numbers each name one person
     * @param masked for callers who see personal data masked, who are not shown the detail either (it once repeated
     *               the numbers)
     */
    public static DiplomaEvidenceView of(DiplomaEvidenceState e, Function<SealedText, String> shown, boolean masked) {
        if (e == null) {
            return null;
        }
        return new DiplomaEvidenceView(shown.apply(e.diplomaRef()), e.issuer(), shown.apply(e.evidenceRef()),
                e.recordedAt(), e.outcome(), masked ? PersonalDataMasking.maskText(e.detail()) : e.detail());
    }
}
