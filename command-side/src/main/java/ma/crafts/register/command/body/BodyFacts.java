package ma.crafts.register.command.body;

import ma.crafts.register.values.BodyLevel;

/**
 * What other aggregates may rely on about a professional body. These facts are fixed at its constitution (an
 * affiliation changes only the parent), so handing them to the artisan aggregate cannot race with a change.
 */
public record BodyFacts(String bodyId, BodyLevel level, String branchCode, String territoryCode, String regionCode) {
}
