package ma.crafts.register.query.eligibility;

import java.util.ArrayList;
import java.util.List;
import ma.crafts.register.query.programme.ProgrammeVersion;

/**
 * A verdict as the model stores it: what each rule of the version found, in the version's order of rules. What the
 * version says of itself (its name, partner, dates) and the sentences explaining each rule are left to the version,
 * which the programme projection keeps: {@link #explained} puts them back.
 */
public record Verdict(String programId, int programVersion, boolean eligible, List<RuleFinding> findings) {

    public Verdict {
        findings = List.copyOf(findings);
    }

    public boolean judges(String otherProgramId, int otherVersion) {
        return programId.equals(otherProgramId) && programVersion == otherVersion;
    }

    /** The verdict as readers get it, worded by the version it was judged by. */
    public ProgrammeEligibility explained(ProgrammeVersion version) {
        if (!judges(version.programId(), version.version()) || version.rules().size() != findings.size()) {
            throw new IllegalArgumentException("A verdict of " + programId + " v" + programVersion + " with "
                    + findings.size() + " findings is not worded by " + version.programId() + " v" + version.version());
        }
        List<RuleOutcome> reasons = new ArrayList<>(findings.size());
        for (int i = 0; i < findings.size(); i++) {
            reasons.add(findings.get(i).outcome(version.rules().get(i)));
        }
        return new ProgrammeEligibility(version.programId(), version.version(), version.effectiveFrom(),
                version.partner(), version.name(), version.provisional(), eligible, reasons);
    }
}
