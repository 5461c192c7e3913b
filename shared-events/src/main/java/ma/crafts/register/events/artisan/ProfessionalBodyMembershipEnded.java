package ma.crafts.register.events.artisan;

import java.time.LocalDate;
import ma.crafts.register.values.SealedText;
import org.axonframework.serialization.Revision;

/**
 * The artisan's membership of a professional body ended. The membership's history stays in the stream: when it
 * began ({@code since}), when and why it ended.
 *
 * @param cause  why it ended
 * @param reason the body's stated reason for an exclusion, or the reason of the register decision that ended it
 *               (striking-off), sealed under the artisan's key (revision 1 held it in clear); null when the
 *               artisan left or moved
 */
@Revision("2")
public record ProfessionalBodyMembershipEnded(String artisanId, String bodyId, String branchCode, LocalDate since,
                                              LocalDate endedOn, Cause cause, SealedText reason) {

    public enum Cause {
        /** The artisan left the body. */
        LEFT,
        /** The body excluded the artisan. */
        EXCLUDED,
        /** The artisan was struck off the register. */
        STRUCK_OFF,
        /** The artisan moved out of the body's province. */
        RELOCATED,
        /** The artisan's activity moved to another branch than the body's. */
        BRANCH_CHANGED
    }
}
