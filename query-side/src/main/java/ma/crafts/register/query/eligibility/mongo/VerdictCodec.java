package ma.crafts.register.query.eligibility.mongo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import ma.crafts.register.query.eligibility.ProgrammeEligibility;
import ma.crafts.register.query.eligibility.RuleOutcome;
import ma.crafts.register.values.LocalizedText;
import org.bson.Document;

/**
 * Maps a {@link ProgrammeEligibility} to and from a BSON document field by field: every read of a verdict and every
 * write of a recompute go through here, and a round trip through JSON text cost more than the rest of a read.
 * {@code effectiveFrom} is an ISO string, the shape verdicts were first stored in.
 */
final class VerdictCodec {

    private VerdictCodec() {
    }

    static Document toDocument(ProgrammeEligibility verdict) {
        List<Document> reasons = new ArrayList<>(verdict.reasons().size());
        for (RuleOutcome reason : verdict.reasons()) {
            reasons.add(new Document("rule", reason.rule())
                    .append("satisfied", reason.satisfied())
                    .append("detail", text(reason.detail()))
                    .append("provisional", reason.provisional()));
        }
        return new Document("programId", verdict.programId())
                .append("programVersion", verdict.programVersion())
                .append("effectiveFrom", verdict.effectiveFrom() == null ? null : verdict.effectiveFrom().toString())
                .append("partner", verdict.partner())
                .append("name", text(verdict.name()))
                .append("provisional", verdict.provisional())
                .append("eligible", verdict.eligible())
                .append("reasons", reasons);
    }

    static ProgrammeEligibility fromDocument(Document d) {
        List<Document> stored = d.getList("reasons", Document.class, List.of());
        List<RuleOutcome> reasons = new ArrayList<>(stored.size());
        for (Document reason : stored) {
            reasons.add(new RuleOutcome(reason.getString("rule"), reason.getBoolean("satisfied", false),
                    text(reason.get("detail", Document.class)), reason.getBoolean("provisional", false)));
        }
        String effectiveFrom = d.getString("effectiveFrom");
        return new ProgrammeEligibility(d.getString("programId"), d.getInteger("programVersion"),
                effectiveFrom == null ? null : Instant.parse(effectiveFrom), d.getString("partner"),
                text(d.get("name", Document.class)), d.getBoolean("provisional", false),
                d.getBoolean("eligible", false), reasons);
    }

    private static Document text(LocalizedText text) {
        return text == null ? null : new Document("ar", text.ar()).append("fr", text.fr());
    }

    private static LocalizedText text(Document d) {
        return d == null ? null : new LocalizedText(d.getString("ar"), d.getString("fr"));
    }
}
