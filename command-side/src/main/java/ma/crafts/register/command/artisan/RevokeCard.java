package ma.crafts.register.command.artisan;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Withdraw a card for good, with a reason. */
public record RevokeCard(@TargetAggregateIdentifier String artisanId, String cardNumber, String reason,
                         String actingRegion)
        implements AddressedToArtisan {
}
