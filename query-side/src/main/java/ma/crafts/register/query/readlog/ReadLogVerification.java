package ma.crafts.register.query.readlog;

import io.swagger.v3.oas.annotations.media.Schema;

/** Whether the read log's chain holds, from its first record to its last. */
@Schema(name = "ReadLogVerification")
public record ReadLogVerification(
        boolean valid,
        @Schema(description = "Number of records read") long records,
        @Schema(description = "Hash of the last record, 64 zeros for an empty log") String headHash,
        @Schema(description = "Sequence of the first record whose link or hash does not hold; null when valid")
        Long firstBrokenLink) {
}
