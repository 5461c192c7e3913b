package ma.crafts.register.events.cooperative;

import java.util.List;
import ma.crafts.register.values.LocalizedText;
import ma.crafts.register.values.SealedPersonalData;
import org.axonframework.serialization.Revision;

/**
 * A chamber amended a cooperative's details. {@code amendedFields} names what changed ({@code name},
 * {@code activityCodes}, {@code phone}, {@code address}); field names are not personal data, the values are.
 *
 * @param name                the new name, or null when it did not change
 * @param activityCodes       the new activities, main one first, or null when they did not change
 * @param branchCodes         the branch of each new activity, in the same order, or null
 * @param nomenclatureVersion the nomenclature the new activity codes belong to, or null
 * @param representative      the representative's complete personal data after the amendment, sealed with the
 *                            cooperative's key; null when no personal field changed
 */
@Revision("1")
public record CooperativeDetailsAmended(String cooperativeId, List<String> amendedFields, LocalizedText name,
                                        List<String> activityCodes, List<String> branchCodes,
                                        String nomenclatureVersion, SealedPersonalData representative) {
    public CooperativeDetailsAmended {
        amendedFields = amendedFields == null ? List.of() : List.copyOf(amendedFields);
    }
}
