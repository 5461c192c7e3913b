package ma.crafts.register.query.eligibility;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import ma.crafts.register.query.artisan.CardState;
import ma.crafts.register.query.artisan.MembershipState;

/**
 * Evaluates programme rules against the facts of one artisan. Stateless; every rule is evaluated (no short
 * circuit) so the answer explains each condition, met or not.
 */
public class RuleEngine {

    public ProgrammeEligibility evaluate(Programme programme, EligibilityFacts facts) {
        List<RuleOutcome> outcomes = new ArrayList<>(programme.rules().size());
        boolean eligible = true;
        for (EligibilityRule rule : programme.rules()) {
            RuleOutcome outcome = evaluate(rule, facts);
            outcomes.add(outcome);
            eligible &= outcome.satisfied();
        }
        return new ProgrammeEligibility(programme.programId(), programme.partner(), programme.name(),
                programme.provisional(), eligible, outcomes);
    }

    public RuleOutcome evaluate(EligibilityRule rule, EligibilityFacts facts) {
        return switch (rule.type()) {
            case STATUS_IS -> oneOf(rule, "RNA status", facts.status() == null ? null : facts.status().name());
            case CATEGORY_IS -> oneOf(rule, "category", facts.category() == null ? null : facts.category().name());
            case REGION_IN -> oneOf(rule, "region", facts.regionCode());
            case BRANCH_IN -> oneOf(rule, "branch", facts.branchCode());
            case HAS_VALID_CARD -> validCard(rule, facts);
            case MEMBER_OF_PROFESSIONAL_BODY -> membership(rule, facts);
            case YEARS_OF_PRACTICE_AT_LEAST -> yearsOfPractice(rule, facts);
        };
    }

    private static RuleOutcome oneOf(EligibilityRule rule, String what, String actual) {
        boolean satisfied = actual != null && rule.values().contains(actual);
        String detail = what + " is " + (actual == null ? "unknown" : actual)
                + (satisfied ? "" : "; required: " + String.join(" or ", rule.values()));
        return new RuleOutcome(rule.rule(), satisfied, detail, rule.provisional());
    }

    private static RuleOutcome validCard(EligibilityRule rule, EligibilityFacts facts) {
        if (facts.validCard().isPresent()) {
            CardState card = facts.validCard().get();
            return new RuleOutcome(rule.rule(), true,
                    "card " + card.cardNumber() + " is valid until " + card.validUntil(), rule.provisional());
        }
        return new RuleOutcome(rule.rule(), false,
                "no card that is VALID, unexpired on " + facts.day() + " and held by an ACTIVE artisan",
                rule.provisional());
    }

    private static RuleOutcome membership(EligibilityRule rule, EligibilityFacts facts) {
        List<MembershipState> matching = facts.memberships().stream()
                .filter(m -> rule.values().isEmpty() || rule.values().contains(m.branchCode()))
                .toList();
        if (!matching.isEmpty()) {
            return new RuleOutcome(rule.rule(), true, "member of professional body "
                    + matching.stream().map(MembershipState::bodyId).collect(Collectors.joining(", ")),
                    rule.provisional());
        }
        String scope = rule.values().isEmpty() ? "any professional body"
                : "a professional body of branch " + String.join(" or ", rule.values());
        return new RuleOutcome(rule.rule(), false, "not a member of " + scope, rule.provisional());
    }

    private static RuleOutcome yearsOfPractice(EligibilityRule rule, EligibilityFacts facts) {
        int required = rule.years() == null ? 0 : rule.years();
        boolean satisfied = facts.yearsOfPractice() >= required;
        return new RuleOutcome(rule.rule(), satisfied,
                facts.yearsOfPractice() + " years of practice on " + facts.day() + "; required: at least " + required,
                rule.provisional());
    }
}
