package ma.crafts.register.eventstore.checkpoint;

import java.util.List;
import java.util.Optional;

/**
 * The register's checkpoints form one series, 1, 2, 3… each naming the {@link Checkpoint#chainHash} of the one before,
 * so that a checkpoint removed or replaced in the series shows. Checkpoints of formats 1 and 2, sealed before the
 * series was kept in the database, name none; they may only open the series. The series' latest checkpoints removed
 * leave a shorter series that still chains: the copy an auditor keeps elsewhere shows those
 * ({@code register-audit checkpoint verify}).
 */
public final class CheckpointChain {

    /** Where the series first does not hold. */
    public record Break(long checkpointId, String detail) {
    }

    private CheckpointChain() {
    }

    /** @param series every stored checkpoint, oldest first (their heads are not needed) */
    public static Optional<Break> firstBreak(List<Checkpoint> series) {
        Checkpoint before = null;
        for (int index = 0; index < series.size(); index++) {
            Checkpoint checkpoint = series.get(index);
            long expectedId = index + 1L;
            if (checkpoint.id() != expectedId) {
                return Optional.of(new Break(expectedId, "checkpoint " + expectedId + " is missing: the series goes from "
                        + (before == null ? "its start" : "checkpoint " + before.id()) + " to checkpoint "
                        + checkpoint.id()));
            }
            Optional<Break> link = linkBreak(before, checkpoint);
            if (link.isPresent()) {
                return link;
            }
            before = checkpoint;
        }
        return Optional.empty();
    }

    /**
     * Whether {@code checkpoint} follows {@code before} ({@code null} when it opens the series); ids are not
     * compared.
     */
    public static Optional<Break> linkBreak(Checkpoint before, Checkpoint checkpoint) {
        if (checkpoint.previous() == null) {
            return before == null || before.previous() == null ? Optional.empty()
                    : Optional.of(new Break(checkpoint.id(), "checkpoint " + checkpoint.id() + " names no checkpoint "
                    + "before it, though checkpoint " + before.id() + " is chained"));
        }
        String expected = before == null ? Checkpoint.FIRST : before.chainHash();
        if (checkpoint.previous().equals(expected)) {
            return Optional.empty();
        }
        return Optional.of(new Break(checkpoint.id(), "checkpoint " + checkpoint.id() + " names " + checkpoint.previous()
                + " as the checkpoint before it, but " + (before == null ? "it opens the series"
                : "checkpoint " + before.id() + " hashes to " + expected) + ": a checkpoint was replaced or removed"));
    }
}
