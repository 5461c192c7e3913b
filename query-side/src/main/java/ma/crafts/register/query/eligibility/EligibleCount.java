package ma.crafts.register.query.eligibility;

import java.util.List;
import ma.crafts.register.query.CountGroup;

/**
 * A programme's eligible actors counted by one dimension, from the version readers are served.
 *
 * @param programVersion the version counted; null while the model serves none of the programme yet
 * @param groups         one per value with at least one eligible actor
 */
public record EligibleCount(String programId, Integer programVersion, String groupBy, List<CountGroup> groups,
                            long total) {
}
