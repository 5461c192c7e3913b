package ma.crafts.register.query.eligibility;

/** The evaluation of one rule: whether it holds and a sentence saying why. */
public record RuleOutcome(String rule, boolean satisfied, String detail, boolean provisional) {
}
