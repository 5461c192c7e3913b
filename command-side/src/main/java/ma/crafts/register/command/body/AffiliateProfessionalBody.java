package ma.crafts.register.command.body;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Affiliate a body to the body one level up in its branch. */
public record AffiliateProfessionalBody(@TargetAggregateIdentifier String bodyId, String parentBodyId) {
}
