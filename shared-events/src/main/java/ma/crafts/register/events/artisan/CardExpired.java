package ma.crafts.register.events.artisan;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** The card reached the end of its last valid day ({@code validUntil}); recorded by the register's card-expiry deadline. */
@Revision("1")
public record CardExpired(String artisanId, String cardNumber, LocalDate validUntil) {
}
