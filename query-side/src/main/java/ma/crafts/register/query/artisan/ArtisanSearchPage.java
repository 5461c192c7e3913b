package ma.crafts.register.query.artisan;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** {@code GET /api/v1/artisans}: one page of artisans in registration order. */
@Schema(name = "ArtisanSearchPage")
public record ArtisanSearchPage(List<ArtisanSummary> items,
                                @Schema(description = "0-based page number") int page,
                                @Schema(description = "Page size, 1 to 100") int size,
                                @Schema(description = "Number of artisans matching the filters") long total) {
}
