package ma.crafts.register.command.cooperative;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Amend a cooperative's name, activities or representative's contact details; see {@link ActorAmendment}. */
public record AmendCooperativeDetails(@TargetAggregateIdentifier String cooperativeId, ActorAmendment amendment) {
}
