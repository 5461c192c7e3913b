package ma.crafts.register.events.artisan;

import org.axonframework.serialization.Revision;

/** The card was reported lost or stolen: it verifies as invalid from now on, whoever presents it. */
@Revision("1")
public record CardReportedLost(String artisanId, String cardNumber) {
}
