package ma.crafts.register.query.artisan;

import java.time.LocalDate;

/** Membership of a professional body as shown in the view. */
public record MembershipView(String bodyId, String branchCode, LocalDate since) {

    public static MembershipView of(MembershipState m) {
        return new MembershipView(m.bodyId(), m.branchCode(), m.since());
    }
}
