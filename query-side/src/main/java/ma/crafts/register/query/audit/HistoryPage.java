package ma.crafts.register.query.audit;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** One page of an actor's history, oldest event first, paged like the artisan search. */
@Schema(name = "HistoryPage")
public record HistoryPage(List<HistoryItem> items,
                          @Schema(description = "0-based page number") int page,
                          @Schema(description = "Page size, 1 to 100") int size,
                          @Schema(description = "Number of events matching the filters") long total) {
}
