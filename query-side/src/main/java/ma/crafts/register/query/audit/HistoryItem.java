package ma.crafts.register.query.audit;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One event of an actor's history, as recorded, with who recorded it, why, and what it changed. */
@Schema(name = "HistoryItem")
public record HistoryItem(
        @Schema(description = "Global store position") Long position,
        @Schema(description = "Sequence number in the actor's stream") long sequence,
        @Schema(description = "Event type, e.g. ArtisanRegistered") String type,
        Instant occurredAt,
        @Schema(description = "Subject (JWT sub) of the actor whose command recorded the event") String recordedBy,
        @Schema(description = "Region code of the acting clerk, or MA for national roles") String chamber,
        String correlationId,
        @Schema(description = "Trace id of the request whose command recorded the event") String traceId,
        @Schema(description = "The reason stated for the change (the event's own, else the one the clerk gave); "
                + "\"***\" for callers who see personal data masked")
        String reason,
        @Schema(description = "The event's fields; sealed personal data is opened for auditors and replaced by "
                + "\"***\" for every other role")
        Map<String, Object> payload,
        @Schema(description = "The fields of the folded state the event changed, personal data masked as in payload")
        List<FieldChange> changes,
        @Schema(description = "True when the event's personal data has been erased (auditors only)")
        boolean personalDataErased) {
}
