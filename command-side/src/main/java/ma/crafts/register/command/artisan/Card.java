package ma.crafts.register.command.artisan;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.time.LocalDate;
import java.util.Locale;
import ma.crafts.register.command.RegisterPolicy;
import ma.crafts.register.errors.InvalidInputException;
import ma.crafts.register.errors.RuleViolationException;
import ma.crafts.register.events.artisan.CardExpired;
import ma.crafts.register.events.artisan.CardReinstated;
import ma.crafts.register.events.artisan.CardRenewed;
import ma.crafts.register.events.artisan.CardReplaced;
import ma.crafts.register.events.artisan.CardReportedLost;
import ma.crafts.register.events.artisan.CardRevoked;
import ma.crafts.register.events.artisan.CardSuspended;
import ma.crafts.register.values.CardCheckCode;
import ma.crafts.register.values.CardStatus;
import ma.crafts.register.values.SealedText;

/**
 * The artisan's current professional card, and the card rules: an entity of the artisan aggregate rather than an
 * aggregate of its own, because whether a card is valid depends on its holder's status as much as on its own. The
 * rules name the event a card command leads to, or throw the rule violation in its way; the holder's own rules are
 * the aggregate's. Its state changes only in the aggregate's event-sourcing handlers.
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

    /** The number of a new card: 400 when malformed; one allocated for another region is a bug of the caller. */
    static CardNumber newNumber(String field, String value, String holderRegionCode) {
        CardNumber number = CardNumber.parse(value);
        if (number == null) {
            throw new InvalidInputException(field, "'" + value + "' is not a valid card number");
        }
        if (!number.regionCode().equals(holderRegionCode)) {
            throw new IllegalArgumentException("Card number " + value + " was not allocated for region " + holderRegionCode);
        }
        return number;
    }

    /** A new card's check code, drawn by the caller: a malformed one is a bug of the caller, not bad input. */
    static String checkCode(String code) {
        if (!CardCheckCode.isWellFormed(code)) {
            throw new IllegalArgumentException("A card needs a check code drawn by CardCheckCode.draw");
        }
        return code;
    }

    String cardNumber() {
        return cardNumber;
    }

    LocalDate validUntil() {
        return validUntil;
    }

    /** A holder gets a new card only once this one is no longer valid and not under suspension. */
    void requireMayBeFollowedOn(LocalDate today, String holderId) {
        if (effectiveStatus(today) == CardStatus.VALID && !today.isBefore(validFrom)) {
            throw new RuleViolationException("one-valid-card",
                    "Artisan " + holderId + " already holds card " + cardNumber + ", valid until " + validUntil);
        }
        requireNoSuspension("a new card is issued");
    }

    /**
     * The renewal on the policy's today. A VALID card is renewable from the renewal window before its last valid day
     * and keeps the days it had left; an EXPIRED one during the grace after it, for a new period from today. Later,
     * or in any other status, the holder needs a new card.
     */
    CardRenewed renewal(String holderId, RegisterPolicy policy, String checkCode) {
        requireNoSuspension("it is renewed");
        LocalDate today = policy.today();
        CardStatus effective = effectiveStatus(today);
        if (effective == CardStatus.VALID) {
            LocalDate opens = validUntil.minus(policy.cardRenewalWindow());
            if (today.isBefore(opens)) {
                throw new RuleViolationException("card-renewal-too-early", "Card " + cardNumber
                        + " is valid until " + validUntil + "; it can be renewed from " + opens);
            }
            // Renewing ahead of expiry continues the validity without a gap and without losing the days left.
            return new CardRenewed(holderId, cardNumber, validUntil, policy.cardValidUntil(validUntil.plusDays(1)),
                    checkCode);
        }
        if (effective == CardStatus.EXPIRED) {
            LocalDate closed = validUntil.plus(policy.cardRenewalGrace());
            if (today.isAfter(closed)) {
                throw new RuleViolationException("card-renewal-grace-passed", "Card " + cardNumber
                        + " expired on " + validUntil + " and could be renewed until " + closed
                        + "; issue a new card instead");
            }
            return new CardRenewed(holderId, cardNumber, validUntil, policy.cardValidUntil(today), checkCode);
        }
        throw new RuleViolationException("card-not-renewable", "Card " + cardNumber + " is " + effective
                + "; only a VALID or EXPIRED card can be renewed");
    }

    CardSuspended suspension(String holderId, SealedText reason, LocalDate today) {
        requireStatusOn(today, "suspended", CardStatus.VALID);
        return new CardSuspended(holderId, cardNumber, reason);
    }

    CardReinstated reinstatement(String holderId, SealedText reason, LocalDate today) {
        requireStatusOn(today, "reinstated", CardStatus.SUSPENDED);
        return new CardReinstated(holderId, cardNumber, reason);
    }

    CardRevoked revocation(String holderId, SealedText reason, LocalDate today) {
        requireStatusOn(today, "revoked", CardStatus.VALID, CardStatus.SUSPENDED, CardStatus.EXPIRED);
        return new CardRevoked(holderId, cardNumber, reason);
    }

    /** Only a VALID card: a suspended card reported lost could be replaced by a valid one, lifting the suspension. */
    CardReportedLost lossReport(String holderId, LocalDate today) {
        requireStatusOn(today, "reported lost", CardStatus.VALID);
        return new CardReportedLost(holderId, cardNumber);
    }

    void requireReportedLost() {
        if (status != CardStatus.LOST) {
            throw new RuleViolationException("card-must-be-reported-lost", "Card " + cardNumber + " is "
                    + status + "; only a card reported lost is replaced");
        }
    }

    /** A replacement keeps the lost card's last valid day, so a lost card past it is followed by a new card instead. */
    CardReplaced replacement(String holderId, CardNumber newNumber, LocalDate today, String checkCode) {
        if (today.isAfter(validUntil)) {
            throw new RuleViolationException("card-expired", "Lost card " + cardNumber + " was valid until "
                    + validUntil + "; issue a new card instead");
        }
        return new CardReplaced(holderId, cardNumber, newNumber.value(), today, validUntil, checkCode);
    }

    CardExpired expiry(String holderId) {
        return new CardExpired(holderId, cardNumber, validUntil);
    }

    /**
     * Whether an expiry deadline is still this card's to record: one outlived by a renewal or replacement names
     * another card or day, and a REVOKED or LOST card is final.
     */
    boolean awaits(CardExpiryDue due) {
        return cardNumber.equals(due.cardNumber()) && validUntil.equals(due.validUntil())
                && (status == CardStatus.VALID || status == CardStatus.SUSPENDED);
    }

    boolean isPastLastValidDayOn(LocalDate day) {
        return day.isAfter(validUntil);
    }

    private CardStatus effectiveStatus(LocalDate day) {
        return status.effectiveOn(day, validUntil);
    }

    /**
     * Suspended and not reinstated, whether or not it has expired since. Such a card is neither renewed nor followed by
     * a new one: a suspension ends by reinstatement or revocation, never by the calendar.
     */
    private void requireNoSuspension(String before) {
        if (status == CardStatus.SUSPENDED || (status == CardStatus.EXPIRED && suspendedAtExpiry)) {
            throw new RuleViolationException("card-suspended", "Card " + cardNumber
                    + " is suspended: reinstate or revoke it before " + before);
        }
    }

    private void requireStatusOn(LocalDate day, String what, CardStatus... allowed) {
        CardStatus effective = effectiveStatus(day);
        for (CardStatus candidate : allowed) {
            if (candidate == effective) {
                return;
            }
        }
        // Named after what is in the way: card-suspended, card-expired, card-revoked, card-lost; a valid card is only
        // in the way of a reinstatement.
        String rule = effective == CardStatus.VALID ? "card-not-suspended"
                : "card-" + effective.name().toLowerCase(Locale.ROOT);
        throw new RuleViolationException(rule, "Card " + cardNumber + " is " + effective + " and cannot be " + what);
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
