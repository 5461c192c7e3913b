package ma.crafts.register.query.notification;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import ma.crafts.register.values.LocalizedText;

/** One notice to a region's chamber, as {@code GET /api/v1/notifications} lists it. */
@Schema(name = "ChamberNotification")
public record ChamberNotification(
        @Schema(description = "Stable for one occurrence") String notificationId,
        @Schema(description = "Region code of the chamber notified, MA-01 to MA-12") String regionCode,
        @Schema(description = "The enterprise the notice is about") String enterpriseId,
        @Schema(description = "What the notice is about", example = "enterprise-non-compliant") String topic,
        @Schema(description = "The notice in Arabic and French") LocalizedText message,
        @Schema(description = "When the register issued it") Instant issuedAt,
        @Schema(description = "Global store position of the event that issued it") long position) {
}
