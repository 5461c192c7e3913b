package ma.crafts.register.query.audit;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import ma.crafts.register.eventstore.ChainBreak;

/** Where the stored record stops being trustworthy, as verification found it. */
@Schema(name = "BrokenLink")
public record BrokenLink(
        @Schema(description = "The stream (actor) concerned; absent for a break in the global positions") String actorId,
        @Schema(description = "The sequence in the stream where its chain breaks") Long sequence,
        @Schema(description = "Global position of the commit concerned, where known") Long position,
        @Schema(description = "MODIFIED, REORDERED, EVENT_REMOVED, INSERTED, MISSING, UNLINKED, POSITIONS_MISSING, "
                + "HEAD_CHANGED, STREAM_REMOVED, STREAM_ADDED, or READ_LOG_CHANGED (the personal-data read log no "
                + "longer holds what the checkpoint sealed; sequence is then the read log's)") String kind,
        String detail) {
    /** The kind of a break in the personal-data read log against a checkpoint. */
    static final String READ_LOG_CHANGED = "READ_LOG_CHANGED";

    static BrokenLink of(ChainBreak found) {
        return new BrokenLink(found.aggregateId(), found.sequence(), found.position(), found.kind().name(), found.detail());
    }

    static List<BrokenLink> of(List<ChainBreak> found) {
        return found.stream().map(BrokenLink::of).toList();
    }
}
