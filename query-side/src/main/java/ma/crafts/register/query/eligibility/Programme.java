package ma.crafts.register.query.eligibility;

import java.util.List;
import ma.crafts.register.values.LocalizedText;

/**
 * A benefit programme offered to registered artisans (social cover, partner offers, fairs), defined as data so the
 * ministry can add or change programmes without a release.
 *
 * @param provisional true when the programme's conditions are not yet confirmed by a signed convention or text
 */
public record Programme(String programId, String partner, LocalizedText name, boolean provisional, String basis,
                        List<EligibilityRule> rules) {

    public Programme {
        rules = List.copyOf(rules);
    }
}
