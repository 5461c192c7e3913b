package ma.crafts.register.command.artisan;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Suspend an active artisan's registration; its card stops being valid meanwhile. */
public record SuspendArtisan(@TargetAggregateIdentifier String artisanId, String reason, String actingRegion)
        implements AddressedToArtisan {
}
