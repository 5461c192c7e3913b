package ma.crafts.register.command.artisan;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Grant master-artisan (maâlem) status on proof of years of effective practice.
 *
 * @param evidenceRef reference of the attestation of recognition of professional experience
 */
public record GrantMasterArtisanStatus(@TargetAggregateIdentifier String artisanId, Integer yearsOfPractice,
                                       String evidenceRef, String actingRegion)
        implements AddressedToArtisan {
}
