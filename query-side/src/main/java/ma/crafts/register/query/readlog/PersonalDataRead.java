package ma.crafts.register.query.readlog;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** One response that showed an actor's personal data in clear: who read which fields of whom, when, and how. */
@Schema(name = "PersonalDataRead")
public record PersonalDataRead(
        @Schema(description = "Place in the log, from 1, without gaps") long sequence,
        Instant readAt,
        @Schema(description = "JWT sub of the reader") String subject,
        @Schema(description = "The reader's roles") List<String> roles,
        @Schema(description = "The artisan, cooperative or enterprise whose data was shown") String actorId,
        @Schema(description = "The personal-data fields the response showed in clear") List<String> fields,
        @Schema(description = "The request's trace id (W3C traceparent, X-Request-Id, or one the register drew)")
        String traceId,
        @Schema(description = "Method and path of the request, without its query string") String request,
        @Schema(description = "Hash of the record before, 64 zeros for the first") String previousHash,
        @Schema(description = "SHA-256 over the previous hash and this record's fields") String hash) {
}
