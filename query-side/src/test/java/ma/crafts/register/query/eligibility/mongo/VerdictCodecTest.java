package ma.crafts.register.query.eligibility.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import ma.crafts.register.query.eligibility.RuleFinding;
import ma.crafts.register.query.eligibility.RuleWording;
import ma.crafts.register.query.eligibility.Verdict;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class VerdictCodecTest {

    @Test
    void aVerdictComesBackWhole() {
        Verdict verdict = new Verdict("AMO", 3, false, List.of(
                new RuleFinding(true, RuleWording.ONE_OF, List.of("MA-07")),
                new RuleFinding(false, RuleWording.AGE_UNKNOWN, List.of()),
                new RuleFinding(true, RuleWording.VALID_CARD, List.of("C-1", "2030-01-01"))));

        assertThat(VerdictCodec.fromDocument(VerdictCodec.toDocument(verdict))).isEqualTo(verdict);
    }

    @Test
    void aFindingIsStoredAsCodesAndValuesWithoutItsWording() {
        Verdict verdict = new Verdict("ONCF", 1, true, List.of(
                new RuleFinding(true, RuleWording.ONE_OF, List.of("ACTIVE")),
                new RuleFinding(false, RuleWording.NOT_A_MEMBER, List.of())));

        Document stored = VerdictCodec.toDocument(verdict);

        assertThat(stored.getList("findings", Document.class)).containsExactly(
                new Document("s", true).append("w", "ONE_OF").append("v", List.of("ACTIVE")),
                new Document("s", false).append("w", "NOT_A_MEMBER"));
        assertThat(stored.keySet()).containsExactly("programId", "programVersion", "eligible", "findings");
    }
}
