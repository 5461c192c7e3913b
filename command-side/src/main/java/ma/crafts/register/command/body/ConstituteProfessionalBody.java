package ma.crafts.register.command.body;

import ma.crafts.register.values.BodyLevel;
import ma.crafts.register.values.LocalizedText;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record the constituent assembly of a professional body.
 *
 * @param bodyId        derived from branch and territory by {@link ProfessionalBodyId}, so a second body for the same
 *                      branch and territory collides in the event store
 * @param territoryCode a province code (PROVINCIAL), a region code (REGIONAL) or {@code MA} (NATIONAL)
 */
public record ConstituteProfessionalBody(@TargetAggregateIdentifier String bodyId, BodyLevel level, String branchCode,
                                         String territoryCode, LocalizedText name) {
}
