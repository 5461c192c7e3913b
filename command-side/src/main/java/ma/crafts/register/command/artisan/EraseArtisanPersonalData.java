package ma.crafts.register.command.artisan;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A registry administrator erases the artisan's personal data (Law 09-08), stating why and under which text. */
public record EraseArtisanPersonalData(@TargetAggregateIdentifier String artisanId, String reason, String legalBasis) {
}
