package ma.crafts.register.events.artisan;

import org.axonframework.serialization.Revision;

/** The card was withdrawn for good. */
@Revision("1")
public record CardRevoked(String artisanId, String cardNumber, String reason) {
}
