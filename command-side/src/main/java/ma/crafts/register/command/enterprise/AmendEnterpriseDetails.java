package ma.crafts.register.command.enterprise;

import ma.crafts.register.command.cooperative.ActorAmendment;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Amend an enterprise's name, activities or representative's contact details; see {@link ActorAmendment}. */
public record AmendEnterpriseDetails(@TargetAggregateIdentifier String enterpriseId, ActorAmendment amendment) {
}
