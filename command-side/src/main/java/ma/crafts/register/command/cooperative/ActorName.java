package ma.crafts.register.command.cooperative;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The registered name of a cooperative or an enterprise, in Arabic and French. */
public record ActorName(@Schema(example = "تعاونية الزربية الحوزية") @NotBlank @Size(max = ActorRules.MAX_NAME_LENGTH) String ar,
                        @Schema(example = "Coopérative du tapis du Haouz") @NotBlank @Size(max = ActorRules.MAX_NAME_LENGTH) String fr) {
}
