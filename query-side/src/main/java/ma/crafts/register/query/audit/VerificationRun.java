package ma.crafts.register.query.audit;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import ma.crafts.register.eventstore.StoreVerification;
import ma.crafts.register.eventstore.checkpoint.CheckpointCheck;

/** One verification of the whole store: written by the verifying thread, read by requests. */
public final class VerificationRun {
    private final String id;
    private final Instant startedAt;
    private final Long checkpointId;
    private final Long resumedAfter;
    private volatile Progress progress;

    public enum Status { RUNNING, VALID, BROKEN, FAILED }

    /** What a request sees of the run at one moment. */
    @Schema(name = "StoreVerification")
    public record Progress(String id, Status status, Instant startedAt, Instant finishedAt,
                           @Schema(description = "The checkpoint the store is verified against, if any") Long checkpointId,
                           @Schema(description = "Global position verified so far") long position,
                           @Schema(description = "The last position this run verifies") long lastPosition,
                           long events,
                           @Schema(description = "Where a restart of the register interrupted the run, which then "
                                   + "carried on from the next position; absent when it ran in one go")
                           Long resumedAfter,
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
        this.resumedAfter = null;
        this.progress = new Progress(id, Status.RUNNING, startedAt, null, checkpointId, -1, -1, 0, null, null, null, 0,
                null, List.of(), null);
    }

    /** A run recorded by a process that stopped before it finished, carried on after {@code resumedAfter}. */
    VerificationRun(Progress recorded, Long resumedAfter) {
        this.id = recorded.id();
        this.startedAt = recorded.startedAt();
        this.checkpointId = recorded.checkpointId();
        this.resumedAfter = resumedAfter;
        this.progress = new Progress(id, Status.RUNNING, startedAt, null, checkpointId,
                resumedAfter == null ? -1 : resumedAfter, recorded.lastPosition(), recorded.events(), resumedAfter,
                null, null, 0, null, List.of(), null);
    }

    public String id() {
        return id;
    }

    public Progress progress() {
        return progress;
    }

    void reached(long position, long lastPosition, long events) {
        progress = new Progress(id, Status.RUNNING, startedAt, null, checkpointId, position, lastPosition, events,
                resumedAfter, null, null, 0, null, List.of(), null);
    }

    void finish(StoreVerification.Result store, Instant finishedAt) {
        finish(store, null, BrokenLink.of(store.breaks()), store.breakCount(), store.valid(), finishedAt);
    }

    /** @param readLogBreak where the read log no longer holds what the checkpoint sealed of it, if anywhere */
    void finish(CheckpointCheck.Outcome outcome, Optional<BrokenLink> readLogBreak, Instant finishedAt) {
        StoreVerification.Result store = outcome.store();
        long differences = outcome.breaks().size() - store.breaks().size() + (readLogBreak.isPresent() ? 1 : 0);
        List<BrokenLink> links = new ArrayList<>(BrokenLink.of(outcome.breaks()));
        readLogBreak.ifPresent(links::add);
        finish(store, outcome.signatureHolds(), links, store.breakCount() + differences,
                outcome.valid() && readLogBreak.isEmpty(), finishedAt);
    }

    private void finish(StoreVerification.Result store, Boolean signatureHolds,
                        List<BrokenLink> breaks, long breakCount, boolean valid,
                        Instant finishedAt) {
        List<BrokenLink> links = breaks.stream().limit(StoreVerification.BREAKS_KEPT).toList();
        progress = new Progress(id, valid ? Status.VALID : Status.BROKEN, startedAt, finishedAt, checkpointId,
                store.lastPosition(), store.lastPosition(), store.events(), resumedAfter, valid, signatureHolds,
                breakCount, links.isEmpty() ? null : links.get(0), links, null);
    }

    void fail(RuntimeException error, Instant finishedAt) {
        Progress last = progress;
        progress = new Progress(id, Status.FAILED, startedAt, finishedAt, checkpointId, last.position(),
                last.lastPosition(), last.events(), resumedAfter, null, null, 0, null, List.of(), error.getMessage());
    }
}
