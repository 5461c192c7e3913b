package ma.crafts.register.query.card;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;
import ma.crafts.register.values.CardStatus;

/** One step of a card's life: its status and last valid day after an event of its holder's stream. */
@Schema(name = "CardStatusChange")
public record CardStatusChange(
        CardStatus status,
        LocalDate validUntil,
        @Schema(description = "The event, e.g. CardIssued, CardSuspended, CardRenewed") String event,
        Instant occurredAt,
        @Schema(description = "Global store position of the event") long position,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "The recorded reason, when the event has one; \"***\" for callers who see personal "
                + "data masked")
        String reason) {
}
