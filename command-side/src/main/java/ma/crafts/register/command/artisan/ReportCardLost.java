package ma.crafts.register.command.artisan;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record that a valid card was lost or stolen. */
public record ReportCardLost(@TargetAggregateIdentifier String artisanId, String cardNumber, String actingRegion)
        implements AddressedToArtisan {
}
