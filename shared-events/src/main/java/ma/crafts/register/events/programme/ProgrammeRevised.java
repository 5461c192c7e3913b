package ma.crafts.register.events.programme;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A registry administrator revised a programme: {@code version} replaces the previous version from
 * {@code effectiveFrom} on, which is never earlier than the revision was recorded, so no verdict already given for
 * an earlier instant changes. Who did it is the event's {@code recordedBy} metadata; {@code reason} says why.
 */
@Revision("1")
public record ProgrammeRevised(String programId, int version, Instant effectiveFrom, ProgrammeTerms terms,
                               String reason) {
}
