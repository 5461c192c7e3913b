package ma.crafts.register.events.artisan;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** A professional card was issued to an artisan; the card lives inside the artisan's stream so its validity can follow the artisan's status. */
@Revision("1")
public record CardIssued(String artisanId, String cardNumber, LocalDate validFrom, LocalDate validUntil,
                         String checkCode) {
}
