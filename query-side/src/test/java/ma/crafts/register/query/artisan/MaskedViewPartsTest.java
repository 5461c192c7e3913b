package ma.crafts.register.query.artisan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import ma.crafts.register.events.artisan.DiplomaEvidenceChecked.Outcome;
import ma.crafts.register.events.artisan.ProfessionalBodyMembershipEnded.Cause;
import org.junit.jupiter.api.Test;

/** What a caller with masked disclosure (a ministry analyst) sees of the identifying text kept in clear. */
class MaskedViewPartsTest {

    @Test
    void diplomaEvidenceKeepsItsOutcomeAndIssuer_notTheNumbersThatNameOnePerson() {
        DiplomaEvidenceState evidence = new DiplomaEvidenceState("OFPPT-2019-88412", "OFPPT", "ATT-5521",
                Instant.parse("2026-01-05T10:00:00Z"), Outcome.MISMATCH, "registered OFPPT-2019-88412, presented OFPPT-2019-88413");

        DiplomaEvidenceView masked = DiplomaEvidenceView.of(evidence, true);

        assertThat(masked.outcome()).isEqualTo(Outcome.MISMATCH);
        assertThat(masked.issuer()).isEqualTo("OFPPT");
        assertThat(masked.recordedAt()).isEqualTo(evidence.recordedAt());
        assertThat(masked.toString()).doesNotContain("88412").doesNotContain("5521");
        assertThat(DiplomaEvidenceView.of(evidence, false).diplomaRef()).isEqualTo("OFPPT-2019-88412");
        assertThat(DiplomaEvidenceView.of(null, true)).as("no evidence, nothing to mask").isNull();
    }

    @Test
    void anEndedMembershipKeepsItsCause_notTheFreeTextReason() {
        EndedMembershipState state = new EndedMembershipState("body-1", "B04",
                LocalDate.of(2025, 1, 1), LocalDate.of(2026, 1, 1), Cause.EXCLUDED, "absences répétées aux assemblées");
        EndedMembershipView ended = EndedMembershipView.of(state, false);

        EndedMembershipView masked = EndedMembershipView.of(state, true);

        assertThat(masked.cause()).isEqualTo(Cause.EXCLUDED);
        assertThat(masked.reason()).isEqualTo("***");
        assertThat(masked.endedOn()).isEqualTo(ended.endedOn());
    }
}
