package ma.crafts.register.query.body;

import java.util.List;
import ma.crafts.register.values.BodyLevel;
import ma.crafts.register.values.LocalizedText;

/**
 * A professional body as its read model keeps it, without its members (kept apart, in pages).
 *
 * @param regionCode   null for a national body
 * @param memberCount  current members, summed over the body's member buckets
 * @param version      the body's own stream version (constitution, affiliation)
 */
public record BodyRecord(String bodyId, BodyLevel level, String branchCode, String territoryCode, String regionCode,
                         LocalizedText name, String parentBodyId, List<String> childBodyIds, long memberCount,
                         long version, long position) {
}
