package ma.crafts.register.command.artisan;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Suspend a valid card, with a reason. */
public record SuspendCard(@TargetAggregateIdentifier String artisanId, String cardNumber, String reason,
                          String actingRegion)
        implements AddressedToArtisan {
}
