package ma.crafts.register.query.cooperative;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import ma.crafts.register.query.PersonalDetails;
import ma.crafts.register.values.ArtisanStatus;
import ma.crafts.register.values.Gender;
import ma.crafts.register.values.LocalizedText;

/** {@code GET /api/v1/cooperatives/{id}}. */
@Schema(name = "CooperativeView")
public record CooperativeView(
        String cooperativeId,
        String nia,
        @Schema(description = "ACTIVE, SUSPENDED or STRUCK_OFF (final)") ArtisanStatus status,
        LocalizedText name,
        String provinceCode,
        String regionCode,
        @Schema(description = "The main activity first") List<String> activityCodes,
        @Schema(description = "The branch of each activity, in the same order") List<String> branchCodes,
        Gender representativeGender,
        @Schema(description = "In full for auditors and the clerks of the cooperative's region, initials for ministry "
                + "analysts, null once erased")
        PersonalDetails representative,
        boolean masked,
        boolean personalDataErased,
        @Schema(description = "The aggregate's sequence number after the last event applied") long version,
        @Schema(description = "Global store position of the last event applied") long position) {
}
