package ma.crafts.register.events.programme;

import java.util.List;

/**
 * One condition of a programme version.
 *
 * @param rule        a stable rule name shown in every verdict, e.g. {@code rna-status-active}
 * @param type        the condition to evaluate; null only in a definition the command side rejects (an unknown type)
 * @param values      the accepted values for set conditions; empty otherwise
 * @param years       the threshold of {@link ConditionType#YEARS_OF_PRACTICE_AT_LEAST}
 * @param months      the threshold of {@link ConditionType#REGISTERED_FOR_AT_LEAST_MONTHS}
 * @param minimumAge  the lower bound (inclusive) of {@link ConditionType#AGE_BETWEEN}, or null for none
 * @param maximumAge  the upper bound (inclusive) of {@link ConditionType#AGE_BETWEEN}, or null for none
 * @param provisional true when the rule is an assumption awaiting the partner convention or the legal text
 * @param basis       where the rule comes from (law, decree, convention, or why it is assumed)
 */
public record EligibilityRule(String rule, ConditionType type, List<String> values, Integer years, Integer months,
                              Integer minimumAge, Integer maximumAge, boolean provisional, String basis) {

    public EligibilityRule {
        values = values == null ? List.of() : List.copyOf(values);
    }
}
