package ma.crafts.register.command.artisan;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Issue a professional card to an artisan. The card is an entity of the artisan aggregate, so its validity can follow
 * the artisan's status.
 *
 * @param cardNumber   allocated for the acting region and the current year before dispatch
 * @param actingRegion the region a chamber clerk is confined to, or null for an actor with national scope
 * @param checkCode    the card's unguessable check code, drawn before dispatch so the aggregate stays deterministic
 */
public record IssueCard(@TargetAggregateIdentifier String artisanId, String cardNumber, String actingRegion,
                        String checkCode)
        implements AddressedToArtisan {
}
