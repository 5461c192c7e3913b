package ma.crafts.register.query;

import java.util.List;
import ma.crafts.register.values.Gender;
import ma.crafts.register.values.LocalizedText;
import ma.crafts.register.values.SealedPersonalData;

/**
 * What a cooperative's and an enterprise's registration have in common, as their read models keep it: the
 * representative's personal data stays sealed until a reader asks.
 */
public record ActorRegistration(String actorId, String nia, LocalizedText name, String provinceCode, String regionCode,
                                List<String> activityCodes, List<String> branchCodes, Gender representativeGender,
                                SealedPersonalData representative) {
}
