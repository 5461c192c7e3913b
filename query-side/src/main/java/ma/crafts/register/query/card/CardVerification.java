package ma.crafts.register.query.card;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import ma.crafts.register.values.ArtisanStatus;
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
        String holderInitials,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "Why the card is not valid, when it is not: CARD_EXPIRED, CARD_SUSPENDED, CARD_REVOKED, "
                + "CARD_LOST, CARD_NOT_YET_VALID or HOLDER_NOT_ACTIVE", example = "HOLDER_NOT_ACTIVE")
        String invalidBecause) {

    /**
     * The first thing that makes the card invalid: its own status before its holder's. Anyone may ask, so a holder who
     * is not active is not told apart: whether a named person was suspended or struck off is a sanction, personal data
     * a partner checking a card does not need (Law 09-08, proportionality).
     */
    static String invalidBecause(CardStatus effectiveStatus, boolean notYetValid, ArtisanStatus holderStatus) {
        if (effectiveStatus != CardStatus.VALID) {
            return "CARD_" + effectiveStatus.name();
        }
        if (notYetValid) {
            return "CARD_NOT_YET_VALID";
        }
        if (holderStatus != ArtisanStatus.ACTIVE) {
            return "HOLDER_NOT_ACTIVE";
        }
        return null;
    }
}
