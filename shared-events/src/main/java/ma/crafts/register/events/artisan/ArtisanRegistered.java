package ma.crafts.register.events.artisan;

import ma.crafts.register.values.ArtisanCategory;
import ma.crafts.register.values.Gender;
import ma.crafts.register.values.RegisteredQualification;
import ma.crafts.register.values.SealedPersonalData;
import org.axonframework.serialization.Revision;

/**
 * An artisan entered the RNA. Personal data is sealed; territory and activity stay clear for routing and statistics.
 * Revision 1 held the qualification's diploma reference in clear; revision 2 seals it under the artisan's key.
 */
@Revision("2")
public record ArtisanRegistered(String artisanId, String nia, String provinceCode, String regionCode,
                                String activityCode, String branchCode, String nomenclatureVersion,
                                Gender gender, RegisteredQualification qualification, ArtisanCategory category,
                                SealedPersonalData personalData) {
}
