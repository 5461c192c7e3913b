package ma.crafts.register.query.artisan;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.util.function.Function;
import ma.crafts.register.events.artisan.ProfessionalBodyMembershipEnded.Cause;
import ma.crafts.register.values.SealedText;

/** A membership that ended, as shown in the view's membership history. */
@Schema(name = "EndedMembership")
public record EndedMembershipView(String bodyId, String branchCode, LocalDate since, LocalDate endedOn,
                                  @Schema(description = "LEFT, EXCLUDED, STRUCK_OFF, RELOCATED or BRANCH_CHANGED")
                                  Cause cause,
                                  @Schema(description = "The body's reason for an exclusion, the register's for a "
                                          + "striking-off") String reason) {

    /** @param shown the caller's view of sealed text: a reason is free text about one person */
    public static EndedMembershipView of(EndedMembershipState m, Function<SealedText, String> shown) {
        return new EndedMembershipView(m.bodyId(), m.branchCode(), m.since(), m.endedOn(), m.cause(),
                shown.apply(m.reason()));
    }
}
