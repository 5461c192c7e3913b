package ma.crafts.register.events.enterprise;

import java.util.List;
import ma.crafts.register.values.Gender;
import ma.crafts.register.values.LocalizedText;
import ma.crafts.register.values.SealedPersonalData;
import org.axonframework.serialization.Revision;

/**
 * A craft enterprise entered the RNA. Law 50.17: its production is supervised by an artisan registered in the RNA,
 * who was ACTIVE when the enterprise was registered. The representative's personal data is sealed with the
 * enterprise's own key.
 *
 * @param activityCodes the enterprise's activities, its main activity first
 * @param branchCodes   the branch of each activity, in the same order
 */
@Revision("1")
public record EnterpriseRegistered(String enterpriseId, String nia, LocalizedText name, String provinceCode,
                                   String regionCode, List<String> activityCodes, List<String> branchCodes,
                                   String nomenclatureVersion, String supervisingArtisanId,
                                   Gender representativeGender, SealedPersonalData representative) {
}
