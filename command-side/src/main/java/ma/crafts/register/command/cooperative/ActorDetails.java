package ma.crafts.register.command.cooperative;

import java.util.List;
import ma.crafts.register.values.LocalizedText;
import ma.crafts.register.values.SealedPersonalData;

/**
 * The details of a cooperative or an enterprise that an amendment may change, as its aggregate holds them.
 *
 * @param activityCodes  main activity first
 * @param representative sealed with the actor's own key
 */
public record ActorDetails(LocalizedText name, List<String> activityCodes, SealedPersonalData representative) {
    public ActorDetails {
        activityCodes = List.copyOf(activityCodes);
    }

    /** These details after an amendment event, whose null parts did not change. */
    public ActorDetails amendedBy(LocalizedText newName, List<String> newActivityCodes,
                                  SealedPersonalData newRepresentative) {
        return new ActorDetails(newName == null ? name : newName,
                newActivityCodes == null ? activityCodes : newActivityCodes,
                newRepresentative == null ? representative : newRepresentative);
    }
}
