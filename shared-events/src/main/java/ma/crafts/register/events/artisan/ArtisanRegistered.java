package ma.crafts.register.events.artisan;

import ma.crafts.register.values.ArtisanCategory;
import ma.crafts.register.values.Gender;
import ma.crafts.register.values.Qualification;
import ma.crafts.register.values.SealedPersonalData;
import org.axonframework.serialization.Revision;

/** An artisan entered the RNA. Personal data is sealed; territory and activity stay clear for routing and statistics. */
@Revision("1")
public record ArtisanRegistered(String artisanId, String nia, String provinceCode, String regionCode,
                                String activityCode, String branchCode, String nomenclatureVersion,
                                Gender gender, Qualification qualification, ArtisanCategory category,
                                SealedPersonalData personalData) {
}
