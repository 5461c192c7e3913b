package ma.crafts.register.events.artisan;

import java.util.List;
import ma.crafts.register.values.SealedPersonalData;
import org.axonframework.serialization.Revision;

/**
 * A chamber amended an artisan's details. {@code amendedFields} names what changed ({@code firstName}, {@code lastName},
 * {@code phone}, {@code address}, {@code activityCode}); field names are not personal data, the values are.
 *
 * @param personalData        the artisan's complete personal data after the amendment, sealed with its own key; null
 *                            when only the activity changed
 * @param activityCode        the new activity, or null when it did not change
 * @param branchCode          the branch of the new activity, or null
 * @param nomenclatureVersion the nomenclature the new activity code belongs to, or null
 */
@Revision("1")
public record ArtisanDetailsAmended(String artisanId, List<String> amendedFields, SealedPersonalData personalData,
                                    String activityCode, String branchCode, String nomenclatureVersion) {
    public ArtisanDetailsAmended {
        amendedFields = amendedFields == null ? List.of() : List.copyOf(amendedFields);
    }
}
