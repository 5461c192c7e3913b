package ma.crafts.register.events.programme;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A registry administrator defined a benefit programme: its version 1, in force from {@code effectiveFrom}. Who did
 * it is the event's {@code recordedBy} metadata; {@code reason} says why.
 */
@Revision("1")
public record ProgrammeDefined(String programId, Instant effectiveFrom, ProgrammeTerms terms, String reason) {
    public static final int FIRST_VERSION = 1;
}
