package ma.crafts.register.query.audit;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import ma.crafts.register.eventstore.ChainBreak;
import ma.crafts.register.eventstore.StoreVerification;
import ma.crafts.register.eventstore.checkpoint.CheckpointCheck;

/** One verification of the whole store: written by the verifying thread, read by requests. */
public final class VerificationRun {
    private final String id;
    private final Instant startedAt;
    private final Long checkpointId;
    private volatile Progress progress;

    public enum Status { RUNNING, VALID, BROKEN, FAILED }

    /** What a request sees of the run at one moment. */
    @Schema(name = "StoreVerification")
    public record Progress(String id, Status status, Instant startedAt, Instant finishedAt,
                           @Schema(description = "The checkpoint the store is verified against, if any") Long checkpointId,
                           @Schema(description = "Global position verified so far") long position,
                           @Schema(description = "The last position this run verifies") long lastPosition,
                           long events,
                           @Schema(description = "Set once finished") Boolean valid,
                           @Schema(description = "Against a checkpoint: whether its signature holds") Boolean signatureHolds,
                           long breakCount, BrokenLink firstBrokenLink,
                           @Schema(description = "The first breaks found (at most 100)") List<BrokenLink> breaks,
                           String error) {
    }

    VerificationRun(String id, Instant startedAt, Long checkpointId) {
        this.id = id;
        this.startedAt = startedAt;
        this.checkpointId = checkpointId;
        this.progress = new Progress(id, Status.RUNNING, startedAt, null, checkpointId, -1, -1, 0, null, null, 0, null,
                List.of(), null);
    }

    public String id() {
        return id;
    }

    public Progress progress() {
        return progress;
    }

    void reached(long position, long lastPosition, long events) {
        progress = new Progress(id, Status.RUNNING, startedAt, null, checkpointId, position, lastPosition, events, null,
                null, 0, null, List.of(), null);
    }

    void finish(StoreVerification.Result store, Instant finishedAt) {
        finish(store, null, List.copyOf(store.breaks()), store.breakCount(), store.valid(), finishedAt);
    }

    void finish(CheckpointCheck.Outcome outcome, Instant finishedAt) {
        StoreVerification.Result store = outcome.store();
        long differences = outcome.breaks().size() - store.breaks().size();
        finish(store, outcome.signatureHolds(), outcome.breaks(), store.breakCount() + differences, outcome.valid(),
                finishedAt);
    }

    private void finish(StoreVerification.Result store, Boolean signatureHolds,
                        List<ChainBreak> breaks, long breakCount, boolean valid,
                        Instant finishedAt) {
        List<BrokenLink> links = BrokenLink.of(breaks.stream().limit(StoreVerification.BREAKS_KEPT).toList());
        progress = new Progress(id, valid ? Status.VALID : Status.BROKEN, startedAt, finishedAt, checkpointId,
                store.lastPosition(), store.lastPosition(), store.events(), valid, signatureHolds, breakCount,
                links.isEmpty() ? null : links.get(0), links, null);
    }

    void fail(RuntimeException error, Instant finishedAt) {
        Progress last = progress;
        progress = new Progress(id, Status.FAILED, startedAt, finishedAt, checkpointId, last.position(),
                last.lastPosition(), last.events(), null, null, 0, null, List.of(), error.getMessage());
    }
}
