package ma.crafts.register.query.notification;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** {@code GET /api/v1/notifications}: one page of a chamber's notices, newest first. */
@Schema(name = "NotificationPage")
public record NotificationPage(List<ChamberNotification> items,
                               @Schema(description = "0-based page number") int page,
                               @Schema(description = "Page size, 1 to 100") int size,
                               @Schema(description = "Number of notices matching the filter") long total) {
}
