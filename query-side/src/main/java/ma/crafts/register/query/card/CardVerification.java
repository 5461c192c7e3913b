package ma.crafts.register.query.card;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import ma.crafts.register.values.CardStatus;

/** {@code GET /api/v1/cards/{cardNumber}/verification}: what a partner may learn about a card, nothing more. */
@Schema(name = "CardVerification")
public record CardVerification(
        @Schema(description = "True only while the card is VALID, not past validUntil, and its holder is ACTIVE")
        boolean valid,
        @Schema(description = "The card's own status; EXPIRED once validUntil has passed")
        CardStatus status,
        LocalDate validUntil,
        String activityCode,
        @Schema(description = "The holder's initials, e.g. \"F. Z.\"; null once the personal data has been erased",
                example = "F. Z.")
        String holderInitials) {
}
