package ma.crafts.register.query.artisan;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import ma.crafts.register.values.ArtisanStatus;
import ma.crafts.register.values.CardStatus;

/** A professional card as shown in the view. */
@Schema(description = "A professional card. status is EXPIRED once validUntil has passed; valid is true only "
        + "while status is VALID and the holder is ACTIVE.")
public record CardView(String cardNumber, CardStatus status, LocalDate validFrom, LocalDate validUntil, boolean valid) {

    public static CardView of(CardState card, ArtisanStatus holderStatus, LocalDate day) {
        return new CardView(card.cardNumber(), card.effectiveStatus(day), card.validFrom(), card.validUntil(),
                card.isValidOn(day, holderStatus));
    }
}
