package ma.crafts.register.command.cooperative;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import ma.crafts.register.command.StatedReason;

/**
 * Body of {@code POST /api/v1/cooperatives/{id}/amendments} and {@code POST /api/v1/enterprises/{id}/amendments}: the
 * fields to change, at least one, checked as at registration, and an optional reason. The representative is not
 * replaced by an amendment; only its contact details change.
 */
@Schema(name = "ActorAmendmentRequest")
public record AmendActorRequest(
        @Schema(description = "New name, Arabic and French forms both required") @Valid ActorName name,
        @ArraySchema(arraySchema = @Schema(description = "The new list of activity codes of the current nomenclature, "
                + "replacing the old one"), schema = @Schema(example = "B04-002"))
        @Size(max = ActorRules.MAX_ACTIVITIES) List<@NotBlank @Size(max = 32) String> activityCodes,
        @Schema(description = "The main activity, one of activityCodes (which it needs); defaults to the first")
        @Size(max = 32) String activityCode,
        @Schema(description = "The representative's new phone", example = "+212612345678") @Size(max = 30) String phone,
        @Schema(description = "The representative's new address", example = "Douar Tameslohte 4, Al Haouz")
        @Size(max = 300) String address,
        @Schema(description = "Why the details change; optional, shown in the history")
        @Size(max = StatedReason.MAX_LENGTH) String reason) {

    boolean isEmpty() {
        return name == null && activityCodes == null && activityCode == null && phone == null && address == null;
    }

    boolean changesPersonalData() {
        return phone != null || address != null;
    }
}
