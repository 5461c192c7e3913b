package ma.crafts.register.events.artisan;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * A lost card was replaced by a new card with a new number. The replacement keeps the lost card's last valid day, so
 * a loss report cannot be used to extend a card's validity; the lost card stays LOST.
 */
@Revision("1")
public record CardReplaced(String artisanId, String replacedCardNumber, String cardNumber, LocalDate validFrom,
                           LocalDate validUntil, String checkCode) {
}
