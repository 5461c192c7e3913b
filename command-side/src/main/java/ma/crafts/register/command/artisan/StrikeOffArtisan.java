package ma.crafts.register.command.artisan;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Strike an artisan off the register; final. */
public record StrikeOffArtisan(@TargetAggregateIdentifier String artisanId, String reason, String actingRegion)
        implements AddressedToArtisan {
}
