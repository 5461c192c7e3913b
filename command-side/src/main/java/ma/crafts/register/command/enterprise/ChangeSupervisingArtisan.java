package ma.crafts.register.command.enterprise;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Put the enterprise's production under another artisan's supervision; the artisan must be registered and ACTIVE.
 *
 * @param reason       optional
 * @param actingRegion the region a chamber clerk is confined to, or null for an actor with national scope
 */
public record ChangeSupervisingArtisan(@TargetAggregateIdentifier String enterpriseId, String supervisingArtisanId,
                                       String reason, String actingRegion) {
}
