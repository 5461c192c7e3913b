package ma.crafts.register.command.enterprise;

import ma.crafts.register.values.ArtisanStatus;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Suspend ({@code SUSPENDED}), reinstate ({@code ACTIVE}) or strike off ({@code STRUCK_OFF}) an enterprise.
 *
 * @param reason       optional
 * @param actingRegion the region a chamber clerk is confined to, or null for an actor with national scope
 */
public record ChangeEnterpriseStatus(@TargetAggregateIdentifier String enterpriseId, ArtisanStatus status,
                                     String reason, String actingRegion) {
}
