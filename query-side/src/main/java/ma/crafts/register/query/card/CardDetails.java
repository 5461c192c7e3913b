package ma.crafts.register.query.card;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.util.List;
import ma.crafts.register.values.ArtisanStatus;
import ma.crafts.register.values.CardStatus;

/** {@code GET /api/v1/cards/{cardNumber}}: the card as a chamber sees it, with its whole status history. */
@Schema(name = "CardDetails")
public record CardDetails(
        String cardNumber,
        String artisanId,
        @Schema(description = "The card's own status; EXPIRED once validUntil has passed") CardStatus status,
        @Schema(description = "True only while the card is VALID, within its dates, and its holder is ACTIVE")
        boolean valid,
        LocalDate validFrom,
        LocalDate validUntil,
        @Schema(description = "The unguessable code the card's QR holds (GET /api/v1/card-checks/{code}); renewed with "
                + "the card, null for a card issued before codes existed") String checkCode,
        String activityCode,
        ArtisanStatus holderStatus,
        @Schema(description = "Every change of the card, oldest first, from its issue") List<CardStatusChange> statusHistory,
        @Schema(description = "The holder's version after the last event applied") long version) {
}
