package ma.crafts.register.query.eligibility;

import java.time.Instant;
import java.util.List;
import ma.crafts.register.values.LocalizedText;

/**
 * The verdict for one programme: eligible only when every rule of the version applied is satisfied; every rule's
 * outcome is reported, and the version applied is named so the verdict can be reproduced.
 *
 * @param programVersion the programme version in force at the instant judged
 * @param effectiveFrom  when that version came into force
 */
public record ProgrammeEligibility(String programId, int programVersion, Instant effectiveFrom, String partner,
                                   LocalizedText name, boolean provisional, boolean eligible,
                                   List<RuleOutcome> reasons) {
}
