package ma.crafts.register.query.eligibility;

import ma.crafts.register.values.LocalizedText;

/** The evaluation of one rule: whether it holds and a sentence, in Arabic and French, saying why. */
public record RuleOutcome(String rule, boolean satisfied, LocalizedText detail, boolean provisional) {
}
