package ma.crafts.register.query.programme;

import java.time.Instant;
import java.util.List;
import ma.crafts.register.events.programme.EligibilityRule;
import ma.crafts.register.events.programme.ProgrammeTerms;
import ma.crafts.register.values.LocalizedText;

/**
 * One version of a programme as recorded: its terms, when it comes into force, and who recorded it, when and why.
 *
 * @param recordedBy the {@code recordedBy} of the defining or revising event ({@code system} for the seed)
 */
public record ProgrammeVersion(String programId, int version, Instant effectiveFrom, String partner,
                               LocalizedText name, boolean provisional, String basis, List<EligibilityRule> rules,
                               String reason, String recordedBy, Instant recordedAt) {

    public ProgrammeVersion {
        rules = List.copyOf(rules);
    }

    public ProgrammeVersion(String programId, int version, Instant effectiveFrom, ProgrammeTerms terms, String reason,
                            String recordedBy, Instant recordedAt) {
        this(programId, version, effectiveFrom, terms.partner(), terms.name(), terms.provisional(), terms.basis(),
                terms.rules(), reason, recordedBy, recordedAt);
    }
}
