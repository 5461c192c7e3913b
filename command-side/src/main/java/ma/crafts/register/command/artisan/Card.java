package ma.crafts.register.command.artisan;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.time.LocalDate;
import ma.crafts.register.values.CardStatus;

/**
 * The artisan's current professional card: an entity of the artisan aggregate rather than an aggregate of its own,
 * because whether a card is valid depends on its holder's status as much as on its own. Its state changes only in
 * the aggregate's event-sourcing handlers.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Card {
    private String cardNumber;
    private LocalDate validFrom;
    private LocalDate validUntil;
    private CardStatus status;
    /** Expired while suspended: expiry does not lift a suspension, so the card still bars renewal and a new card. */
    private boolean suspendedAtExpiry;

    /** For snapshot deserialisation. */
    protected Card() {
    }

    Card(String cardNumber, LocalDate validFrom, LocalDate validUntil) {
        this.cardNumber = cardNumber;
        this.validFrom = validFrom;
        this.validUntil = validUntil;
        this.status = CardStatus.VALID;
    }

    /** Valid on {@code day} as far as the card itself goes; the holder must also be active. */
    boolean isValidOn(LocalDate day) {
        return effectiveStatus(day) == CardStatus.VALID && !day.isBefore(validFrom);
    }

    /**
     * The status on {@code day}. A VALID or SUSPENDED card past its last valid day is EXPIRED even before the expiry
     * deadline has recorded it, so no decision depends on when that deadline runs.
     */
    CardStatus effectiveStatus(LocalDate day) {
        if ((status == CardStatus.VALID || status == CardStatus.SUSPENDED) && day.isAfter(validUntil)) {
            return CardStatus.EXPIRED;
        }
        return status;
    }

    /**
     * Suspended and not reinstated, whether or not it has expired since. Such a card is neither renewed nor followed by
     * a new one: a suspension ends by reinstatement or revocation, never by the calendar.
     */
    boolean underSuspension() {
        return status == CardStatus.SUSPENDED || (status == CardStatus.EXPIRED && suspendedAtExpiry);
    }

    /** Whether the expiry deadline still has something to record: REVOKED and LOST are final. */
    boolean mayExpire() {
        return status == CardStatus.VALID || status == CardStatus.SUSPENDED;
    }

    String cardNumber() {
        return cardNumber;
    }

    LocalDate validUntil() {
        return validUntil;
    }

    CardStatus status() {
        return status;
    }

    void renewedUntil(LocalDate newValidUntil) {
        validUntil = newValidUntil;
        status = CardStatus.VALID;
    }

    void expired() {
        suspendedAtExpiry = status == CardStatus.SUSPENDED;
        status = CardStatus.EXPIRED;
    }

    void status(CardStatus newStatus) {
        status = newStatus;
    }
}
