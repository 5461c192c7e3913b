package ma.crafts.register.query.artisan;

import java.time.LocalDate;
import ma.crafts.register.events.artisan.ProfessionalBodyMembershipEnded.Cause;
import ma.crafts.register.values.SealedText;

/**
 * A membership of a professional body that has ended, kept for the artisan's history.
 *
 * @param reason the body's reason for an exclusion, the register's for a striking-off, sealed under the artisan's key;
 *               otherwise null
 */
public record EndedMembershipState(String bodyId, String branchCode, LocalDate since, LocalDate endedOn, Cause cause,
                                   SealedText reason) {
}
