package ma.crafts.register.command.artisan;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The artisan leaves a professional body it is a member of. */
public record LeaveProfessionalBody(@TargetAggregateIdentifier String artisanId, String bodyId, String actingRegion)
        implements AddressedToArtisan {
}
