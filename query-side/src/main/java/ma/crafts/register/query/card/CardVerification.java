package ma.crafts.register.query.card;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import ma.crafts.register.query.artisan.CardState;
import ma.crafts.register.values.ArtisanStatus;
import ma.crafts.register.values.CardStatus;

/**
 * {@code GET /api/v1/cards/{cardNumber}/verification}: whether a card is valid, nothing about its holder. Card numbers
 * are sequential, so anything said here about a holder could be collected for every card in turn; the holder's
 * initials and activity are given only to whoever scans the card's unguessable code ({@link CardCheck}).
 */
@Schema(name = "CardVerification")
public record CardVerification(
        @Schema(description = CardVerification.VALID) boolean valid,
        @Schema(description = CardVerification.STATUS) CardStatus status,
        LocalDate validUntil,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "Why the card is not valid, when it is not: CARD_EXPIRED, CARD_SUSPENDED, CARD_REVOKED, "
                + "CARD_LOST, CARD_NOT_YET_VALID or HOLDER_NOT_ACTIVE", example = "HOLDER_NOT_ACTIVE")
        String invalidBecause) {

    static final String VALID = "True only while the card is VALID, not past validUntil, and its holder is ACTIVE";
    static final String STATUS = "The card's own status; EXPIRED once validUntil has passed";

    /** The card as it stands on {@code today}. */
    static CardVerification of(CardRecord record, LocalDate today) {
        CardState card = record.card();
        CardStatus status = card.effectiveStatus(today);
        boolean notYetValid = card.validFrom() != null && today.isBefore(card.validFrom());
        return new CardVerification(card.isValidOn(today, record.holderStatus()), status, record.validUntil(),
                invalidBecause(status, notYetValid, record.holderStatus()));
    }

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
