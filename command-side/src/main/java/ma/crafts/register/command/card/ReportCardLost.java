package ma.crafts.register.command.card;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record that a valid card was lost or stolen. */
public record ReportCardLost(@TargetAggregateIdentifier String artisanId, String cardNumber, String actingRegion) {
}
