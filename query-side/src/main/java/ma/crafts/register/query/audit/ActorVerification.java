package ma.crafts.register.query.audit;

import io.swagger.v3.oas.annotations.media.Schema;

/** One actor's stream, verified: its chain, and its head against the newest checkpoint that sealed it. */
@Schema(name = "ActorVerification")
public record ActorVerification(
        boolean valid,
        @Schema(description = "Events in the stream") long events,
        @Schema(description = "Hash of the stream's last commit") String headHash,
        @Schema(description = "The stream's last sequence") long lastSequence,
        @Schema(description = "Where the chain first breaks; absent when valid") BrokenLink firstBrokenLink,
        @Schema(description = "The checkpoint whose sealed head the stream was checked against, if one sealed it")
        Long checkpointId) {
}
