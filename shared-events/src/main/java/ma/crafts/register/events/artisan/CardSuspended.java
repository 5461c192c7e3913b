package ma.crafts.register.events.artisan;

import ma.crafts.register.values.SealedText;
import org.axonframework.serialization.Revision;

/** The card itself was suspended (e.g. misuse under inquiry); it verifies as invalid until reinstated. */
@Revision("2")
public record CardSuspended(String artisanId, String cardNumber, SealedText reason) {
}
