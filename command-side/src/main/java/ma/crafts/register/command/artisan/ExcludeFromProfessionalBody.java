package ma.crafts.register.command.artisan;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record that a professional body excluded one of its members, with the body's reason. */
public record ExcludeFromProfessionalBody(@TargetAggregateIdentifier String artisanId, String bodyId, String reason,
                                          String actingRegion)
        implements AddressedToArtisan {
}
