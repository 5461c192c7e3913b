package ma.crafts.register.query.audit;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Map;

/** One event of an artisan's history, as recorded, with who recorded it and for which chamber. */
@Schema(name = "HistoryItem")
public record HistoryItem(
        @Schema(description = "Global store position") Long position,
        @Schema(description = "Sequence number in the artisan's stream") long sequence,
        @Schema(description = "Event type, e.g. ArtisanRegistered") String type,
        Instant occurredAt,
        @Schema(description = "Subject (JWT sub) of the actor whose command recorded the event") String recordedBy,
        @Schema(description = "Region code of the acting clerk, or MA for national roles") String chamber,
        String correlationId,
        @Schema(description = "The event's fields; sealed personal data is opened for auditors and replaced by "
                + "\"***\" for every other role")
        Map<String, Object> payload,
        @Schema(description = "True when the event's personal data has been erased (auditors only)")
        boolean personalDataErased) {
}
