package ma.crafts.register.query.eligibility;

import java.util.List;
import java.util.Objects;
import ma.crafts.register.events.programme.EligibilityRule;

/**
 * What one rule found about one actor, before it is worded: the model stores this (a wording code and the few facts
 * it quotes) rather than the Arabic and French sentence, which is worded when read, from the rule as the programme
 * version keeps it.
 *
 * @param values the facts the wording quotes (a code, a card number, a day...), in the order it takes them
 */
public record RuleFinding(boolean satisfied, RuleWording wording, List<String> values) {

    public RuleFinding {
        Objects.requireNonNull(wording, "wording");
        values = List.copyOf(values);
    }

    public RuleOutcome outcome(EligibilityRule rule) {
        return new RuleOutcome(rule.rule(), satisfied, wording.detail(rule, satisfied, values), rule.provisional());
    }
}
