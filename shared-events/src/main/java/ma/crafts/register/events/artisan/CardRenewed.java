package ma.crafts.register.events.artisan;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** The card's validity was extended: it is VALID until {@code validUntil} (inclusive). */
@Revision("1")
public record CardRenewed(String artisanId, String cardNumber, LocalDate previousValidUntil, LocalDate validUntil,
                          String checkCode) {
}
