package ma.crafts.register.command.artisan;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record the evidence of a diploma-route artisan's diploma, and check it against the registered qualification. */
public record RecordDiplomaEvidence(@TargetAggregateIdentifier String artisanId, String diplomaRef, String issuer,
                                    String evidenceRef, String actingRegion)
        implements AddressedToArtisan {
}
