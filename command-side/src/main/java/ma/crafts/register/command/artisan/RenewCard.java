package ma.crafts.register.command.artisan;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Extend the validity of the artisan's current card. */
public record RenewCard(@TargetAggregateIdentifier String artisanId, String cardNumber, String actingRegion)
        implements AddressedToArtisan {
}
