package ma.crafts.register.command.artisan;

import ma.crafts.register.values.SealedPersonalData;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Move an artisan to another province; region and chamber follow, and memberships of the old province's bodies end.
 *
 * @param personalData the complete personal data with the new address, sealed with the artisan's key
 * @param basedOn      the sealed data the new address was merged into (see {@link AmendArtisanDetails#basedOn})
 * @param actingRegion the clerk's region, which must be the artisan's region before the move
 */
public record RelocateArtisan(@TargetAggregateIdentifier String artisanId, String provinceCode,
                              SealedPersonalData personalData, SealedPersonalData basedOn, String actingRegion)
        implements AddressedToArtisan {
}
