package ma.crafts.register.eventstore;

import java.util.Map;
import java.util.Optional;

/**
 * What the last successful append on the calling thread stored: the global position of its last event and each
 * aggregate's sequence after it. Axon's simple command bus runs a command and commits its unit of work on the dispatching
 * thread, so a REST controller can read this right after {@code sendAndWait} to answer with {@code version} and
 * {@code position} for read-your-writes.
 */
public final class AppendReceipts {
    private static final ThreadLocal<Receipt> LAST = new ThreadLocal<>();

    private AppendReceipts() {
    }

    public record Receipt(long lastPosition, Map<String, Long> sequences) {
        public Optional<Long> sequenceOf(String aggregateId) {
            return Optional.ofNullable(sequences.get(aggregateId));
        }
    }

    /** Forgets the previous receipt, so a command that appends nothing cannot report an older command's position. */
    public static void clear() {
        LAST.remove();
    }

    public static Optional<Receipt> lastOnThisThread() {
        return Optional.ofNullable(LAST.get());
    }

    static void record(long lastPosition, Map<String, Long> sequences) {
        LAST.set(new Receipt(lastPosition, Map.copyOf(sequences)));
    }
}
