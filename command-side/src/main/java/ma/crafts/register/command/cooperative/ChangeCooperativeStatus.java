package ma.crafts.register.command.cooperative;

import ma.crafts.register.values.ArtisanStatus;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Suspend ({@code SUSPENDED}), reinstate ({@code ACTIVE}) or strike off ({@code STRUCK_OFF}) a cooperative.
 *
 * @param reason       optional
 * @param actingRegion the region a chamber clerk is confined to, or null for an actor with national scope
 */
public record ChangeCooperativeStatus(@TargetAggregateIdentifier String cooperativeId, ArtisanStatus status,
                                      String reason, String actingRegion) {
}
