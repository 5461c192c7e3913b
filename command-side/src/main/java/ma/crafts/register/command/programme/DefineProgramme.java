package ma.crafts.register.command.programme;

import java.time.Instant;
import ma.crafts.register.events.programme.ProgrammeTerms;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Define a benefit programme, its version 1.
 *
 * @param programId     the programme's stable id, also its aggregate id, so a second definition collides in the store
 * @param effectiveFrom when version 1 comes into force; null for the moment it is recorded
 * @param reason        why it is defined (the convention, decree or decision)
 */
public record DefineProgramme(@TargetAggregateIdentifier String programId, ProgrammeTerms terms, Instant effectiveFrom,
                              String reason) {
}
