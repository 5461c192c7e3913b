package ma.crafts.register.command.cooperative;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A registry administrator erases the cooperative representative's personal data (Law 09-08). */
public record EraseCooperativePersonalData(@TargetAggregateIdentifier String cooperativeId, String reason,
                                           String legalBasis) {
}
