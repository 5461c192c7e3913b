package ma.crafts.register.command.enterprise;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A registry administrator erases the enterprise representative's personal data (Law 09-08). */
public record EraseEnterprisePersonalData(@TargetAggregateIdentifier String enterpriseId, String reason,
                                          String legalBasis) {
}
