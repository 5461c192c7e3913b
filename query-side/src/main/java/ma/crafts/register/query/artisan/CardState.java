package ma.crafts.register.query.artisan;

import java.time.LocalDate;
import java.util.Objects;
import ma.crafts.register.values.ArtisanStatus;
import ma.crafts.register.values.CardStatus;

/**
 * A professional card as recorded in its holder's stream. {@code status} is the card's own recorded status;
 * expiry is not an event, so {@link #effectiveStatus} derives {@code EXPIRED} from {@code validUntil} at read time.
 */
public record CardState(String cardNumber, CardStatus status, LocalDate validFrom, LocalDate validUntil) {

    public CardState {
        Objects.requireNonNull(cardNumber, "cardNumber");
        Objects.requireNonNull(status, "status");
    }

    /** The card's status on {@code day}: a card still recorded VALID reads EXPIRED once its last valid day has passed. */
    public CardStatus effectiveStatus(LocalDate day) {
        if (status == CardStatus.VALID && validUntil != null && day.isAfter(validUntil)) {
            return CardStatus.EXPIRED;
        }
        return status;
    }

    /** Valid only while the card itself is VALID, not past its last valid day, and its holder is ACTIVE. */
    public boolean isValidOn(LocalDate day, ArtisanStatus holderStatus) {
        return effectiveStatus(day) == CardStatus.VALID
                && (validFrom == null || !day.isBefore(validFrom))
                && holderStatus == ArtisanStatus.ACTIVE;
    }
}
