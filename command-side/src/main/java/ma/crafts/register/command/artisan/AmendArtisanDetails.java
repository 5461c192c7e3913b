package ma.crafts.register.command.artisan;

import java.util.List;
import ma.crafts.register.values.SealedPersonalData;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Amend an artisan's details. Personal data travels sealed: the REST layer opened the current data, applied the
 * changes, checked them with {@link ApplicantRules} and sealed the complete result.
 *
 * @param personalFields the personal fields that changed ({@code firstName}, {@code lastName}, {@code phone},
 *                       {@code address}); empty when only the activity is amended
 * @param personalData   the complete personal data after the change, sealed with the artisan's key; null when no
 *                       personal field changed
 * @param basedOn        the sealed data the change was made on: the aggregate refuses the command if another change
 *                       was recorded since, so two concurrent amendments cannot undo each other
 * @param activityCode   the new activity, or null to keep it
 * @param actingRegion   the region a chamber clerk is confined to, or null for an actor with national scope
 */
public record AmendArtisanDetails(@TargetAggregateIdentifier String artisanId, List<String> personalFields,
                                  SealedPersonalData personalData, SealedPersonalData basedOn, String activityCode,
                                  String actingRegion)
        implements AddressedToArtisan {
    public AmendArtisanDetails {
        personalFields = personalFields == null ? List.of() : List.copyOf(personalFields);
    }
}
