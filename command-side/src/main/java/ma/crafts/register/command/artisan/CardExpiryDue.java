package ma.crafts.register.command.artisan;

import java.time.LocalDate;

/**
 * Payload of the {@value #DEADLINE} deadline scheduled in the holder's aggregate when a card gets a last valid day.
 * It names the card and that day, so a deadline outlived by a renewal or replacement is recognised and ignored.
 */
public record CardExpiryDue(String cardNumber, LocalDate validUntil) {
    public static final String DEADLINE = "card-expiry";
}
