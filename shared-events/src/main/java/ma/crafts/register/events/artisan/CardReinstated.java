package ma.crafts.register.events.artisan;

import ma.crafts.register.values.SealedText;
import org.axonframework.serialization.Revision;

/** A suspended card is VALID again (its holder must still be ACTIVE for it to verify as valid). */
@Revision("2")
public record CardReinstated(String artisanId, String cardNumber, SealedText reason) {
}
