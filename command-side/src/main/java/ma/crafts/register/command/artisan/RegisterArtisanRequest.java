package ma.crafts.register.command.artisan;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/** Body of {@code POST /api/v1/artisans}. */
public record RegisterArtisanRequest(
        @Schema(description = "National identity card number: 1-2 letters then 1-6 digits; normalised to upper case",
                example = "EE123456")
        @NotBlank @Size(max = 20) String cin,
        @NotNull @Valid Name firstName,
        @NotNull @Valid Name lastName,
        @Schema(example = "1984-03-02") @NotNull LocalDate birthDate,
        @Schema(allowableValues = {"F", "M"}) @NotBlank @Pattern(regexp = "F|M", message = "must be F or M") String gender,
        @Schema(example = "+212612345678") @Size(max = 30) String phone,
        @Schema(example = "Derb Dabachi 12, Marrakech") @Size(max = 300) String address,
        @Schema(description = "ISO 3166-2:MA prefecture or province code", example = "MA-MAR")
        @NotBlank @Size(max = 10) String provinceCode,
        @Schema(description = "Activity code of the current nomenclature (GET /api/v1/reference/activities)",
                example = "B08-001")
        @NotBlank @Size(max = 32) String activityCode,
        @NotNull @Valid QualificationRequest qualification) {

    @Schema(name = "PersonName", description = "A person's name in Arabic and French")
    public record Name(@Schema(example = "فاطمة") @NotBlank @Size(max = 100) String ar,
                       @Schema(example = "Fatima") @NotBlank @Size(max = 100) String fr) {
    }

    public record QualificationRequest(
            @Schema(allowableValues = {"DIPLOMA", "EXPERIENCE"})
            @NotBlank @Pattern(regexp = "DIPLOMA|EXPERIENCE", message = "must be DIPLOMA or EXPERIENCE") String route,
            @Schema(description = "Years of effective practice: at least 3 for EXPERIENCE; 10 or more grants MASTER_ARTISAN")
            @Min(0) @Max(105) Integer yearsOfPractice,
            @Schema(description = "Reference of the diploma; required for DIPLOMA") @Size(max = 100) String diplomaRef) {
    }
}
