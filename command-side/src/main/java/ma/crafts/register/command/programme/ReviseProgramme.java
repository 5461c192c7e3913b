package ma.crafts.register.command.programme;

import java.time.Instant;
import ma.crafts.register.events.programme.ProgrammeTerms;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Revise a programme: a new version with new terms.
 *
 * @param effectiveFrom when the new version comes into force; null for the moment it is recorded
 * @param reason        why it is revised
 */
public record ReviseProgramme(@TargetAggregateIdentifier String programId, ProgrammeTerms terms, Instant effectiveFrom,
                              String reason) {
}
