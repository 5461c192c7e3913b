package ma.crafts.register.query;

import java.util.List;
import ma.crafts.register.values.Gender;
import ma.crafts.register.values.LocalizedText;
import ma.crafts.register.values.SealedPersonalData;

/**
 * What a cooperative's and an enterprise's registration have in common, as their read models keep it, amendments
 * included: the representative's personal data stays sealed until a reader asks.
 */
public record ActorRegistration(String actorId, String nia, LocalizedText name, String provinceCode, String regionCode,
                                List<String> activityCodes, List<String> branchCodes, Gender representativeGender,
                                SealedPersonalData representative) {

    /** This registration as an amendment left it; an amendment's null parts did not change. */
    public ActorRegistration amendedBy(LocalizedText newName, List<String> newActivityCodes,
                                       List<String> newBranchCodes, SealedPersonalData newRepresentative) {
        return new ActorRegistration(actorId, nia, newName == null ? name : newName, provinceCode, regionCode,
                newActivityCodes == null ? activityCodes : newActivityCodes,
                newBranchCodes == null ? branchCodes : newBranchCodes, representativeGender,
                newRepresentative == null ? representative : newRepresentative);
    }

    /** This registration once its representative's personal data was erased (Law 09-08): nothing left to open. */
    public ActorRegistration erased() {
        return new ActorRegistration(actorId, nia, name, provinceCode, regionCode, activityCodes, branchCodes,
                representativeGender, null);
    }
}
