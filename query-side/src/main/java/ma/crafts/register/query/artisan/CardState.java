package ma.crafts.register.query.artisan;

import java.time.LocalDate;
import java.util.Objects;
import ma.crafts.register.values.ArtisanStatus;
import ma.crafts.register.values.CardStatus;

/**
 * A professional card as recorded in its holder's stream. {@code status} is the card's own recorded status. Expiry is
 * recorded by the command side's card-expiry deadline ({@code CardExpired}); until that event arrives, and for a past
 * day of an as-of read, {@link #effectiveStatus} derives {@code EXPIRED} from {@code validUntil}, so a card never
 * reads as valid after its last valid day.
 *
 * @param checkCode the code the card's QR holds, renewed with the card; null for a card issued before codes existed
 */
public record CardState(String cardNumber, CardStatus status, LocalDate validFrom, LocalDate validUntil,
                        String checkCode) {

    public CardState {
        Objects.requireNonNull(cardNumber, "cardNumber");
        Objects.requireNonNull(status, "status");
    }

    /** The card's status on {@code day}: a VALID or SUSPENDED card reads EXPIRED once its last valid day has passed. */
    public CardStatus effectiveStatus(LocalDate day) {
        return status.effectiveOn(day, validUntil);
    }

    /** Valid only while the card itself is VALID, not past its last valid day, and its holder is ACTIVE. */
    public boolean isValidOn(LocalDate day, ArtisanStatus holderStatus) {
        return effectiveStatus(day) == CardStatus.VALID
                && (validFrom == null || !day.isBefore(validFrom))
                && holderStatus == ArtisanStatus.ACTIVE;
    }

    CardState withStatus(CardStatus newStatus) {
        return new CardState(cardNumber, newStatus, validFrom, validUntil, checkCode);
    }

    CardState renewed(LocalDate newValidUntil, String newCheckCode) {
        return new CardState(cardNumber, CardStatus.VALID, validFrom, newValidUntil, newCheckCode);
    }
}
