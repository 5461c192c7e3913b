package ma.crafts.register.events.artisan;

import org.axonframework.serialization.Revision;

/** The card itself was suspended (e.g. misuse under inquiry); it verifies as invalid until reinstated. */
@Revision("1")
public record CardSuspended(String artisanId, String cardNumber, String reason) {
}
