package ma.crafts.register.events.cooperative;

import java.util.List;
import ma.crafts.register.values.Gender;
import ma.crafts.register.values.LocalizedText;
import ma.crafts.register.values.SealedPersonalData;
import org.axonframework.serialization.Revision;

/**
 * A craft cooperative (Law 50.17: carries out one or more craft activities) entered the RNA. The representative's
 * personal data is sealed with the cooperative's own key; the name, territory and activities stay clear for routing
 * and statistics.
 *
 * @param activityCodes the cooperative's activities, its main activity first
 * @param branchCodes   the branch of each activity, in the same order
 */
@Revision("1")
public record CooperativeRegistered(String cooperativeId, String nia, LocalizedText name, String provinceCode,
                                   String regionCode, List<String> activityCodes, List<String> branchCodes,
                                   String nomenclatureVersion, Gender representativeGender,
                                   SealedPersonalData representative) {
}
