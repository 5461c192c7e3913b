package ma.crafts.register.events.programme;

import java.util.List;
import ma.crafts.register.values.LocalizedText;

/**
 * What one version of a benefit programme says: who offers it and the rules an actor must meet. Every version
 * carries its whole terms, so a verdict can be reproduced from the one version in force without replaying earlier ones.
 *
 * @param provisional true when the programme's conditions are not yet confirmed by a signed convention or text
 */
public record ProgrammeTerms(String partner, LocalizedText name, boolean provisional, String basis,
                             List<EligibilityRule> rules) {

    public ProgrammeTerms {
        rules = rules == null ? List.of() : List.copyOf(rules);
    }
}
