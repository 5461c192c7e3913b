package ma.crafts.register.events.artisan;

import ma.crafts.register.values.SealedText;
import org.axonframework.serialization.Revision;

/** The card was withdrawn for good. */
@Revision("2")
public record CardRevoked(String artisanId, String cardNumber, SealedText reason) {
}
