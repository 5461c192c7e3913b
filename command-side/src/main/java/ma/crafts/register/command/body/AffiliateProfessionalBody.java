package ma.crafts.register.command.body;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Affiliate a body to the body one level up in its branch.
 *
 * @param actingRegion the region a chamber clerk is confined to, or null for a registry administrator
 */
public record AffiliateProfessionalBody(@TargetAggregateIdentifier String bodyId, String parentBodyId,
                                        String actingRegion) {
}
