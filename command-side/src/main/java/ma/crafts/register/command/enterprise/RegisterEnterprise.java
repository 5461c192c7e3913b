package ma.crafts.register.command.enterprise;

import java.util.List;
import ma.crafts.register.command.cooperative.ActorEnrolment;
import ma.crafts.register.values.Gender;
import ma.crafts.register.values.LocalizedText;
import ma.crafts.register.values.SealedPersonalData;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Enter a craft enterprise in the register, with the artisan who supervises its production. The representative's
 * personal data arrives sealed with the enterprise's key.
 *
 * @param activityCodes the activities, main one first
 * @param nia           allocated for the region of {@code provinceCode} before dispatch
 * @param actingRegion  the region a chamber clerk is confined to, or null for an actor with national scope
 */
public record RegisterEnterprise(@TargetAggregateIdentifier String enterpriseId, String nia, LocalizedText name,
                                 String provinceCode, List<String> activityCodes, String supervisingArtisanId,
                                 Gender representativeGender, SealedPersonalData representative, String actingRegion) {

    /** The command for an application that passed the checks: the REST API and bulk imports send it alike. */
    public static ActorEnrolment.CommandFactory of(ActorEnrolment.Checked checked, String supervisingArtisanId) {
        return (enterpriseId, nia, representative) -> new RegisterEnterprise(enterpriseId, nia, checked.name(),
                checked.provinceCode(), checked.activityCodes(), supervisingArtisanId,
                checked.representativeGender(), representative, checked.actingRegion());
    }
}
