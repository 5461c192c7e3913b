package ma.crafts.register.command.artisan;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Admit an artisan to a provincial professional body of its branch (Law 50.17 art. 11). */
public record JoinProfessionalBody(@TargetAggregateIdentifier String artisanId, String bodyId, String actingRegion)
        implements AddressedToArtisan {
}
