package ma.crafts.register.query.body;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import ma.crafts.register.values.BodyLevel;
import ma.crafts.register.values.LocalizedText;

/** A body in a listing: what identifies it and places it, without its members. */
@Schema(name = "ProfessionalBodySummary")
public record BodySummary(String bodyId, BodyLevel level, String branchCode, String territoryCode, String regionCode,
                          LocalizedText name, String parentBodyId, long memberCount) {

    static BodySummary of(BodyRecord body) {
        return new BodySummary(body.bodyId(), body.level(), body.branchCode(), body.territoryCode(),
                body.regionCode(), body.name(), body.parentBodyId(), body.memberCount());
    }

    /** {@code GET /api/v1/professional-bodies}: at most one body per branch and territory. */
    @Schema(name = "ProfessionalBodyList")
    public record Listing(List<BodySummary> items, long total) {
    }
}
