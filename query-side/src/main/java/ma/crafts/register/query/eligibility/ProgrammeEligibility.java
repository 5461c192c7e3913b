package ma.crafts.register.query.eligibility;

import java.util.List;
import ma.crafts.register.values.LocalizedText;

/** Eligibility for one programme: eligible only when every rule is satisfied; every rule's outcome is reported. */
public record ProgrammeEligibility(String programId, String partner, LocalizedText name, boolean provisional,
                                   boolean eligible, List<RuleOutcome> reasons) {
}
