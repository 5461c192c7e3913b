package ma.crafts.register.command.artisan;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Replace a card reported lost by a new card.
 *
 * @param newCardNumber allocated for the acting region and the current year before dispatch
 */
public record ReplaceCard(@TargetAggregateIdentifier String artisanId, String cardNumber, String newCardNumber,
                          String actingRegion)
        implements AddressedToArtisan {
}
