package ma.crafts.register.command.artisan;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A registry administrator erases the artisan's personal data (Law 09-08), stating why and under which text. */
public record EraseArtisanPersonalData(@TargetAggregateIdentifier String artisanId, String reason, String legalBasis)
        implements AddressedToArtisan {

    /** National: the registry administrator acts for every region, as the controller has checked. */
    @Override
    public String actingRegion() {
        return null;
    }
}
