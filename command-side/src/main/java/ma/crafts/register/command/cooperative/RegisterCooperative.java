package ma.crafts.register.command.cooperative;

import java.util.List;
import ma.crafts.register.values.Gender;
import ma.crafts.register.values.LocalizedText;
import ma.crafts.register.values.SealedPersonalData;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Enter a craft cooperative in the register. The representative's personal data arrives sealed with the
 * cooperative's key.
 *
 * @param activityCodes the activities, main one first
 * @param nia           allocated for the region of {@code provinceCode} before dispatch
 * @param actingRegion  the region a chamber clerk is confined to, or null for an actor with national scope
 */
public record RegisterCooperative(@TargetAggregateIdentifier String cooperativeId, String nia, LocalizedText name,
                                  String provinceCode, List<String> activityCodes, Gender representativeGender,
                                  SealedPersonalData representative, String actingRegion) {

    /** The command for an application that passed the checks: the REST API and bulk imports send it alike. */
    public static ActorEnrolment.CommandFactory of(ActorEnrolment.Checked checked) {
        return (cooperativeId, nia, representative) -> new RegisterCooperative(cooperativeId, nia, checked.name(),
                checked.provinceCode(), checked.activityCodes(), checked.representativeGender(), representative,
                checked.actingRegion());
    }
}
