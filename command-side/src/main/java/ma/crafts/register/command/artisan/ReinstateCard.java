package ma.crafts.register.command.artisan;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Lift a card's suspension, with a reason. */
public record ReinstateCard(@TargetAggregateIdentifier String artisanId, String cardNumber, String reason,
                            String actingRegion)
        implements AddressedToArtisan {
}
