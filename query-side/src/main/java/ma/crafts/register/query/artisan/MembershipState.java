package ma.crafts.register.query.artisan;

import java.time.LocalDate;

/** Membership of a provincial professional body (Law 50.17 art. 11); one per branch. */
public record MembershipState(String bodyId, String branchCode, LocalDate since) {
}
