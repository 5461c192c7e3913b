package ma.crafts.register.command;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;

/** Optional body of a change that needs no other input: the clerk's reason, kept in the history. */
public record OptionalReasonRequest(
        @Schema(description = "Why the change is made; optional, shown in the history")
        @Size(max = StatedReason.MAX_LENGTH) String reason) {

    /** The reason of an optional body. */
    public static String of(OptionalReasonRequest request) {
        return request == null ? null : request.reason();
    }
}
