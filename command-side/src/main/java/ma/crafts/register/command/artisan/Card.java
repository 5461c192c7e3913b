package ma.crafts.register.command.artisan;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.time.LocalDate;
import ma.crafts.register.values.CardStatus;

/**
 * The artisan's current professional card: an entity of the artisan aggregate rather than an aggregate of its own,
 * because whether a card is valid depends on its holder's status as much as on its own.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Card {
    private String cardNumber;
    private LocalDate validFrom;
    private LocalDate validUntil;
    private CardStatus status;

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
        return status == CardStatus.VALID && !day.isBefore(validFrom) && !day.isAfter(validUntil);
    }

    String cardNumber() {
        return cardNumber;
    }

    LocalDate validUntil() {
        return validUntil;
    }
}
