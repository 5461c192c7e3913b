package ma.crafts.register.query.audit;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One field of the actor's folded state that an event changed. {@code field} is a path into the state, such as
 * {@code provinceCode}, {@code cards[0].status} or {@code personalData.firstName.fr}; a value absent on one side is null.
 */
@Schema(name = "FieldChange")
public record FieldChange(String field,
                          @Schema(description = "The value before the event; \"***\" where personal data is masked")
                          Object before,
                          @Schema(description = "The value after the event; \"***\" where personal data is masked")
                          Object after) {
}
