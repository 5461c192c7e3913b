package ma.crafts.register.command.artisan;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import ma.crafts.register.command.StatedReason;

/** Body of {@code POST /api/v1/artisans/{artisanId}/amendments}: the fields to change, at least one, and an optional reason. */
public record AmendArtisanRequest(
        @Schema(description = "New first name, Arabic and French forms both required") @Valid RegisterArtisanRequest.Name firstName,
        @Schema(description = "New last name, Arabic and French forms both required") @Valid RegisterArtisanRequest.Name lastName,
        @Schema(example = "+212612345678") @Size(max = 30) String phone,
        @Schema(description = "New address in the same province (a move to another province is a relocation)",
                example = "Derb Dabachi 14, Marrakech") @Size(max = 300) String address,
        @Schema(description = "New activity code of the current nomenclature; a change of branch ends memberships of "
                + "bodies of the old branch", example = "B08-002") @Size(max = 32) String activityCode,
        @Schema(description = "Why the details change; optional, shown in the history")
        @Size(max = StatedReason.MAX_LENGTH) String reason) {

    boolean isEmpty() {
        return firstName == null && lastName == null && phone == null && address == null && activityCode == null;
    }
}
