package ma.crafts.register.query.card;

import java.time.LocalDate;
import ma.crafts.register.values.LocalizedText;

/**
 * What the printed professional card shows.
 *
 * @param chamber  the name of the chamber's region
 * @param activity the holder's activity as the nomenclature names it
 * @param checkUrl the public check the QR code leads to
 */
public record PrintedCard(LocalizedText chamber, String latinName, String arabicName, String nia,
                          LocalizedText activity, String cardNumber, LocalDate validFrom, LocalDate validUntil,
                          String checkUrl) {
}
