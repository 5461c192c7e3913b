package ma.crafts.register.query.body;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import ma.crafts.register.values.BodyLevel;
import ma.crafts.register.values.LocalizedText;

/** {@code GET /api/v1/professional-bodies/{id}}: the body, its place in the hierarchy and one page of its members. */
@Schema(name = "ProfessionalBodyView")
public record BodyView(
        String bodyId,
        BodyLevel level,
        String branchCode,
        @Schema(description = "A province code, a region code, or MA for a national body") String territoryCode,
        @Schema(description = "Null for a national body") String regionCode,
        LocalizedText name,
        @Schema(description = "The body one level up it is affiliated to; null when none") String parentBodyId,
        @Schema(description = "The bodies one level down affiliated to it") List<String> childBodyIds,
        @Schema(description = "One page of the current members, in the order they joined; absent with asOf, since "
                + "memberships are recorded in the artisans' streams, not the body's") Members members,
        @Schema(description = "The body's own stream version (constitution, affiliation)") long version,
        @Schema(description = "Global store position of the last event applied to the body or its members; with "
                + "asOf, of the body's own last event by then")
        long position) {

    /** One page of members, paged like the artisan search. */
    @Schema(name = "ProfessionalBodyMembers")
    public record Members(List<BodyMember> items, int page, int size, long total) {
    }

    static BodyView of(BodyRecord body, Members members) {
        return new BodyView(body.bodyId(), body.level(), body.branchCode(), body.territoryCode(), body.regionCode(),
                body.name(), body.parentBodyId(), body.childBodyIds(), members, body.version(), body.position());
    }

    static BodyView asOf(FoldedBody body, List<String> childBodyIds) {
        return new BodyView(body.bodyId(), body.level(), body.branchCode(), body.territoryCode(), body.regionCode(),
                body.name(), body.parentBodyId(), childBodyIds, null, body.version(), body.position());
    }
}
