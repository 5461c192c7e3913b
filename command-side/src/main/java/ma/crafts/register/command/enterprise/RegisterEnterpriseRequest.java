package ma.crafts.register.command.enterprise;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import ma.crafts.register.command.artisan.RegisterArtisanRequest;
import ma.crafts.register.command.cooperative.ActorApplication;
import ma.crafts.register.command.cooperative.ActorName;
import ma.crafts.register.command.cooperative.ActorRules;

/**
 * Body of {@code POST /api/v1/enterprises}: like an artisan's (the representative's CIN, names, birth date, gender,
 * phone and address, the province), plus the enterprise's {@code name}, {@code activityCodes} and
 * {@code supervisingArtisanId}.
 */
public record RegisterEnterpriseRequest(
        @NotNull @Valid ActorName name,
        @ArraySchema(arraySchema = @Schema(description = "Activity codes of the current nomenclature"),
                schema = @Schema(example = "B05-002"))
        @NotEmpty @Size(max = ActorRules.MAX_ACTIVITIES) List<@NotBlank @Size(max = 32) String> activityCodes,
        @Schema(description = "The main activity, one of activityCodes; defaults to the first")
        @Size(max = 32) String activityCode,
        @Schema(description = "Id of the ACTIVE artisan registered in the RNA who supervises the production")
        @NotBlank @Size(max = 64) String supervisingArtisanId,
        @Schema(description = "ISO 3166-2:MA prefecture or province code of the seat", example = "MA-MAR")
        @NotBlank @Size(max = 10) String provinceCode,
        @Schema(description = "Representative's national identity card number", example = "EE123456")
        @NotBlank @Size(max = 20) String cin,
        @NotNull @Valid RegisterArtisanRequest.Name firstName,
        @NotNull @Valid RegisterArtisanRequest.Name lastName,
        @Schema(example = "1975-11-02") @NotNull LocalDate birthDate,
        @Schema(allowableValues = {"F", "M"}) @NotBlank @Pattern(regexp = "F|M", message = "must be F or M") String gender,
        @Schema(example = "+212612345678") @Size(max = 30) String phone,
        @Schema(example = "Quartier industriel Sidi Ghanem, Marrakech") @Size(max = 300) String address)
        implements ActorApplication {
}
