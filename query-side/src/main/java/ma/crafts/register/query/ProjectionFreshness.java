package ma.crafts.register.query;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import ma.crafts.register.eventstore.TrackingProgress;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * Read-your-writes for {@code ?minPosition=n}: a command response carries the global position of its last event, and
 * a read passing it waits (bounded, 5 s by default) until whatever serves that read has seen position n: the
 * projection's tracking processor for view reads, the event store itself for reads straight from the store.
 */
public class ProjectionFreshness {

    /** Name reported in the 503 when a read straight from the event store is what is behind. */
    public static final String EVENT_STORE = "event-store";

    private static final long FIRST_PAUSE_MILLIS = 5;
    private static final long MAX_PAUSE_MILLIS = 50;

    private final TrackingProgress progress;
    private final EventStore eventStore;
    private final Duration maxWait;
    private final Function<String, Collection<String>> servingProcessors;

    public ProjectionFreshness(TrackingProgress progress, EventStore eventStore, Duration maxWait) {
        this(progress, eventStore, maxWait, List::of);
    }

    /**
     * @param servingProcessors the processors whose views a read waiting on a processor may be served from (a
     *                          rebuilt projection is maintained by a processor of its own)
     */
    public ProjectionFreshness(TrackingProgress progress, EventStore eventStore, Duration maxWait,
                               Function<String, Collection<String>> servingProcessors) {
        this.progress = progress;
        this.eventStore = eventStore;
        this.maxWait = maxWait;
        this.servingProcessors = servingProcessors;
    }

    /**
     * Returns once {@code processor} has applied {@code minPosition} (at once when {@code minPosition} is null).
     *
     * @throws ProjectionLaggingException when the wait limit passes first (rendered as 503 with Retry-After)
     */
    public void await(String processor, Long minPosition) {
        if (minPosition != null) {
            awaitUntil(processor, minPosition, () -> servingProcessors.apply(processor).stream()
                    .allMatch(serving -> progress.hasApplied(serving, minPosition)));
        }
    }

    /** Returns once the event store holds position {@code minPosition}; for reads that fold the store directly. */
    public void awaitStore(Long minPosition) {
        if (minPosition != null) {
            awaitUntil(EVENT_STORE, minPosition, () -> storeHead(eventStore) >= minPosition);
        }
    }

    /** Global position of the newest event in the store; -1 when it is empty. */
    public static long storeHead(EventStore eventStore) {
        TrackingToken head = eventStore.createHeadToken();
        if (head == null) {
            return -1;
        }
        OptionalLong position = head.position();
        return position.isPresent() ? position.getAsLong() : -1;
    }

    private void awaitUntil(String what, long minPosition, BooleanSupplier reached) {
        if (reached.getAsBoolean()) {
            return;
        }
        long start = System.nanoTime();
        long deadline = start + maxWait.toNanos();
        long pause = FIRST_PAUSE_MILLIS;
        while (true) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw new ProjectionLaggingException(what, minPosition,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            }
            try {
                Thread.sleep(Math.max(1, Math.min(pause, TimeUnit.NANOSECONDS.toMillis(remaining))));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProjectionLaggingException(what, minPosition,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            }
            if (reached.getAsBoolean()) {
                return;
            }
            pause = Math.min(pause * 2, MAX_PAUSE_MILLIS);
        }
    }
}
