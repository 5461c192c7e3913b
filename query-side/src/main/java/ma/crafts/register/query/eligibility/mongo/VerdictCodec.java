package ma.crafts.register.query.eligibility.mongo;

import java.util.ArrayList;
import java.util.List;
import ma.crafts.register.query.eligibility.RuleFinding;
import ma.crafts.register.query.eligibility.RuleWording;
import ma.crafts.register.query.eligibility.Verdict;
import org.bson.Document;

/**
 * Maps a {@link Verdict} to and from a BSON document field by field: every read of a verdict and every write of a
 * recompute go through here, and a round trip through JSON text cost more than the rest of a read. A finding is
 * stored as {@code s} (satisfied), {@code w} (its {@link RuleWording}) and {@code v} (the values it quotes, left out
 * when none): one-letter keys, because every actor holds a finding per rule, per programme and version written.
 */
final class VerdictCodec {

    private VerdictCodec() {
    }

    static Document toDocument(Verdict verdict) {
        List<Document> findings = new ArrayList<>(verdict.findings().size());
        for (RuleFinding finding : verdict.findings()) {
            Document stored = new Document("s", finding.satisfied()).append("w", finding.wording().name());
            if (!finding.values().isEmpty()) {
                stored.append("v", finding.values());
            }
            findings.add(stored);
        }
        return new Document("programId", verdict.programId())
                .append("programVersion", verdict.programVersion())
                .append("eligible", verdict.eligible())
                .append("findings", findings);
    }

    static Verdict fromDocument(Document d) {
        List<Document> stored = d.getList("findings", Document.class, List.of());
        List<RuleFinding> findings = new ArrayList<>(stored.size());
        for (Document finding : stored) {
            findings.add(new RuleFinding(finding.getBoolean("s", false), RuleWording.valueOf(finding.getString("w")),
                    finding.getList("v", String.class, List.of())));
        }
        return new Verdict(d.getString("programId"), d.getInteger("programVersion"), d.getBoolean("eligible", false),
                findings);
    }
}
