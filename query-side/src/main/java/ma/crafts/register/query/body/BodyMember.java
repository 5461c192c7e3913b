package ma.crafts.register.query.body;

import java.time.LocalDate;

/** A current member of a body, in the order members joined. */
public record BodyMember(String artisanId, LocalDate since) {
}
