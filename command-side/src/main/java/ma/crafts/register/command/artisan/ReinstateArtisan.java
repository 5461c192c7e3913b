package ma.crafts.register.command.artisan;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Bring a suspended artisan back to ACTIVE. */
public record ReinstateArtisan(@TargetAggregateIdentifier String artisanId, String reason, String actingRegion)
        implements AddressedToArtisan {
}
