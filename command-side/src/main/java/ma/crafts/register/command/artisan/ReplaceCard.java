package ma.crafts.register.command.artisan;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Replace a card reported lost by a new card.
 *
 * @param newCardNumber allocated for the acting region and the current year before dispatch
 * @param checkCode     the new card's check code, drawn before dispatch
 */
public record ReplaceCard(@TargetAggregateIdentifier String artisanId, String cardNumber, String newCardNumber,
                          String actingRegion, String checkCode)
        implements AddressedToArtisan {
}
