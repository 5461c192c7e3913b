package ma.crafts.register.command.body;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/v1/professional-bodies}. */
public record ConstituteBodyRequest(
        @Schema(allowableValues = {"PROVINCIAL", "REGIONAL", "NATIONAL"})
        @NotBlank @Pattern(regexp = "PROVINCIAL|REGIONAL|NATIONAL", message = "must be PROVINCIAL, REGIONAL or NATIONAL")
        String level,
        @Schema(description = "Branch code of the current nomenclature", example = "B06") @NotBlank @Size(max = 32) String branchCode,
        @Schema(description = "A province code for PROVINCIAL, a region code for REGIONAL, MA for NATIONAL", example = "MA-ESM")
        @NotBlank @Size(max = 10) String territoryCode,
        @NotNull @Valid Name name) {

    @Schema(name = "BodyName", description = "A professional body's name in Arabic and French")
    public record Name(@Schema(example = "الهيئة الإقليمية للحلي بالسمارة") @NotBlank @Size(max = 300) String ar,
                       @Schema(example = "Corporation provinciale de la bijouterie d'Es-Semara") @NotBlank @Size(max = 300) String fr) {
    }
}
