package ma.crafts.register.query.artisan;

import static ma.crafts.register.values.SealedText.recordedInClear;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.function.Function;
import ma.crafts.register.events.artisan.DiplomaEvidenceChecked.Outcome;
import ma.crafts.register.events.artisan.ProfessionalBodyMembershipEnded.Cause;
import ma.crafts.register.values.SealedText;
import org.junit.jupiter.api.Test;

/**
 * What a caller with masked disclosure (a ministry analyst) sees of the identifying text sealed under the artisan's
 * key: never the text, and the vault is not even asked to open it.
 */
class MaskedViewPartsTest {

    private static final Function<SealedText, String> MASKED = ArtisanViewPresenter.shown(true, sealed -> {
        throw new AssertionError("masked text is not opened");
    });
    private static final Function<SealedText, String> OPENED =
            ArtisanViewPresenter.shown(false, sealed -> Optional.of(sealed.sealedText()));
    private static final Function<SealedText, String> ERASED = ArtisanViewPresenter.shown(false, sealed -> Optional.empty());

    @Test
    void diplomaEvidenceKeepsItsOutcomeAndIssuer_notTheNumbersThatNameOnePerson() {
        DiplomaEvidenceState evidence = new DiplomaEvidenceState(recordedInClear("a-1", "OFPPT-2019-88412"),
                "OFPPT", recordedInClear("a-1", "ATT-5521"),
                Instant.parse("2026-01-05T10:00:00Z"), Outcome.MISMATCH, "registered OFPPT-2019-88412, presented OFPPT-2019-88413");

        DiplomaEvidenceView masked = DiplomaEvidenceView.of(evidence, MASKED, true);

        assertThat(masked.outcome()).isEqualTo(Outcome.MISMATCH);
        assertThat(masked.issuer()).isEqualTo("OFPPT");
        assertThat(masked.recordedAt()).isEqualTo(evidence.recordedAt());
        assertThat(masked.toString()).doesNotContain("88412").doesNotContain("5521");
        assertThat(DiplomaEvidenceView.of(evidence, OPENED, false).diplomaRef()).isEqualTo("OFPPT-2019-88412");
        assertThat(DiplomaEvidenceView.of(evidence, ERASED, false).evidenceRef()).as("erased").isNull();
        assertThat(DiplomaEvidenceView.of(null, MASKED, true)).as("no evidence, nothing to mask").isNull();
    }

    @Test
    void anEndedMembershipKeepsItsCause_notTheFreeTextReason() {
        EndedMembershipState state = new EndedMembershipState("body-1", "B04",
                LocalDate.of(2025, 1, 1), LocalDate.of(2026, 1, 1), Cause.EXCLUDED,
                recordedInClear("a-1", "absences répétées aux assemblées"));
        EndedMembershipView ended = EndedMembershipView.of(state, OPENED);

        EndedMembershipView masked = EndedMembershipView.of(state, MASKED);

        assertThat(masked.cause()).isEqualTo(Cause.EXCLUDED);
        assertThat(masked.reason()).isEqualTo("***");
        assertThat(masked.endedOn()).isEqualTo(ended.endedOn());
        assertThat(ended.reason()).isEqualTo("absences répétées aux assemblées");
    }
}
