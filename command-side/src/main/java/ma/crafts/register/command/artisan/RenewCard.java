package ma.crafts.register.command.artisan;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Extend the validity of the artisan's current card.
 *
 * @param checkCode the renewed card's new check code (the old one stops verifying), drawn before dispatch
 */
public record RenewCard(@TargetAggregateIdentifier String artisanId, String cardNumber, String actingRegion,
                        String checkCode)
        implements AddressedToArtisan {
}
