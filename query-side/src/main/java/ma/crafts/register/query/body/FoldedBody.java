package ma.crafts.register.query.body;

import ma.crafts.register.values.BodyLevel;
import ma.crafts.register.values.LocalizedText;

/**
 * A body as its own stream records it, stamped with that stream's version and position: what the history compares
 * event by event and {@code ?asOf} starts from. Its children and members live in other streams.
 *
 * @param regionCode null for a national body
 */
public record FoldedBody(String bodyId, BodyLevel level, String branchCode, String territoryCode, String regionCode,
                         LocalizedText name, String parentBodyId, long version, long position) {
}
