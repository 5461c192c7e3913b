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
}
