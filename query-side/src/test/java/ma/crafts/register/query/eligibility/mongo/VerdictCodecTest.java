package ma.crafts.register.query.eligibility.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import ma.crafts.register.query.eligibility.ProgrammeEligibility;
import ma.crafts.register.query.eligibility.RuleOutcome;
import ma.crafts.register.values.LocalizedText;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class VerdictCodecTest {

    @Test
    void aVerdictComesBackWhole() {
        ProgrammeEligibility verdict = new ProgrammeEligibility("AMO", 3, Instant.parse("2026-03-01T00:00:00Z"),
                "CNSS", new LocalizedText("التغطية الصحية", "Assurance maladie"), true, false, List.of(
                new RuleOutcome("region", true, new LocalizedText("الجهة: MA-07", "région : MA-07"), false),
                new RuleOutcome("age", false, new LocalizedText("السن", "âge"), true)));

        assertThat(VerdictCodec.fromDocument(VerdictCodec.toDocument(verdict))).isEqualTo(verdict);
    }

    @Test
    void absentPartsStayAbsent() {
        ProgrammeEligibility verdict = new ProgrammeEligibility("ONCF", 1, null, null, null, false, true,
                List.of(new RuleOutcome("card", true, null, false)));

        assertThat(VerdictCodec.fromDocument(VerdictCodec.toDocument(verdict))).isEqualTo(verdict);
    }

    @Test
    void effectiveFromIsStoredAsAnIsoString() {
        ProgrammeEligibility verdict = new ProgrammeEligibility("AMO", 1, Instant.parse("2026-03-01T00:00:00Z"),
                "CNSS", null, false, true, List.of());

        Document stored = VerdictCodec.toDocument(verdict);

        assertThat(stored.get("effectiveFrom")).isEqualTo("2026-03-01T00:00:00Z");
    }
}
