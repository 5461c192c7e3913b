package ma.crafts.register.query.eligibility;

import java.util.List;

/**
 * One condition of a programme, as written in the programme file.
 *
 * @param rule        a stable rule name shown in every answer, e.g. {@code rna-status-active}
 * @param type        the condition to evaluate
 * @param values      the accepted values for list conditions; empty otherwise
 * @param years       the threshold for {@link ConditionType#YEARS_OF_PRACTICE_AT_LEAST}
 * @param provisional true when the rule is an assumption awaiting the partner convention or the legal text
 * @param basis       where the rule comes from (law, decree, convention, or why it is assumed)
 */
public record EligibilityRule(String rule, ConditionType type, List<String> values, Integer years,
                              boolean provisional, String basis) {

    public EligibilityRule {
        values = values == null ? List.of() : List.copyOf(values);
    }
}
