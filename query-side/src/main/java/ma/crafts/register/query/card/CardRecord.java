package ma.crafts.register.query.card;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import ma.crafts.register.query.artisan.ArtisanState;
import ma.crafts.register.query.artisan.CardState;
import ma.crafts.register.values.ArtisanStatus;
import ma.crafts.register.values.CardStatus;
import ma.crafts.register.values.SealedPersonalData;

/**
 * A card as the public verification sees it: the card's own state plus what it needs of its holder (status, activity,
 * sealed names for the initials), copied from the holder's stream so one {@code _id} lookup answers a check.
 */
public record CardRecord(String cardNumber, String artisanId, CardStatus status, LocalDate validFrom,
                         LocalDate validUntil, String checkCode, String activityCode, ArtisanStatus holderStatus,
                         SealedPersonalData holderData, long version) {

    /** One record per card of the holder, all stamped with the holder's version. */
    public static List<CardRecord> allOf(ArtisanState holder) {
        List<CardRecord> records = new ArrayList<>(holder.cards().size());
        for (CardState card : holder.cards()) {
            records.add(new CardRecord(card.cardNumber(), holder.artisanId(), card.status(), card.validFrom(),
                    card.validUntil(), card.checkCode(), holder.activityCode(), holder.status(), holder.personalData(),
                    holder.version()));
        }
        return records;
    }

    public CardState card() {
        return new CardState(cardNumber, status, validFrom, validUntil, checkCode);
    }

    /** Same verification outcome, whatever the version: used to skip rewriting cards an event did not touch. */
    boolean sameContentAs(CardRecord other) {
        return other != null && cardNumber.equals(other.cardNumber) && artisanId.equals(other.artisanId)
                && status == other.status && Objects.equals(validFrom, other.validFrom)
                && Objects.equals(validUntil, other.validUntil) && Objects.equals(checkCode, other.checkCode)
                && Objects.equals(activityCode, other.activityCode) && holderStatus == other.holderStatus
                && Objects.equals(holderData, other.holderData);
    }
}
