package ma.crafts.register.events.artisan;

import org.axonframework.serialization.Revision;

/** A suspended card is VALID again (its holder must still be ACTIVE for it to verify as valid). */
@Revision("1")
public record CardReinstated(String artisanId, String cardNumber, String reason) {
}
