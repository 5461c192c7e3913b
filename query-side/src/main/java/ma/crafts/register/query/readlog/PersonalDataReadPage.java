package ma.crafts.register.query.readlog;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** {@code GET /api/v1/audit/personal-data-reads}: one page of the read log, newest first. */
@Schema(name = "PersonalDataReadPage")
public record PersonalDataReadPage(List<PersonalDataRead> items,
                                   @Schema(description = "0-based page number") int page,
                                   @Schema(description = "Page size, 1 to 100") int size,
                                   @Schema(description = "Number of records matching the filter") long total) {
}
