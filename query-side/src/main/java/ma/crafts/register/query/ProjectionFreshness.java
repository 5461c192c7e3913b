package ma.crafts.register.query;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import ma.crafts.register.errors.InvalidInputException;
import java.util.function.Function;
import ma.crafts.register.eventstore.TrackingProgress;
import ma.crafts.register.platform.security.CurrentActor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * Read-your-writes for {@code ?minPosition=n}: a command response carries the global position of its last event, and
 * a read passing it waits (bounded, 5 s by default) until whatever serves that read has seen position n: the
 * projection's tracking processor for view reads, the event store itself for reads straight from the store.
 *
 * <p>A wait holds a request thread, so waiting is rationed: a position the store has not reached yet can never come
 * from a command response and is refused (400) before anything waits; a caller without a token never waits (it gets
 * its answer if the position is applied already, else the 503 at once); and at most {@code maxWaiting} requests wait
 * at the same time, the others getting the 503 at once. Without these, a few dozen anonymous requests a second with a
 * huge {@code minPosition} held every worker thread of the server.
 */
public class ProjectionFreshness {

    /** Name reported in the 503 when a read straight from the event store is what is behind. */
    public static final String EVENT_STORE = "event-store";

    private static final long FIRST_PAUSE_MILLIS = 5;
    private static final long MAX_PAUSE_MILLIS = 50;

    private final TrackingProgress progress;
    private final EventStore eventStore;
    private final CurrentActor actor;
    private final Duration maxWait;
    private final Semaphore waitingReads;
    private final Function<String, Collection<String>> servingProcessors;

    public ProjectionFreshness(TrackingProgress progress, EventStore eventStore, CurrentActor actor, Duration maxWait,
                               int maxWaiting) {
        this(progress, eventStore, actor, maxWait, maxWaiting, List::of);
    }

    /**
     * @param servingProcessors the processors whose views a read waiting on a processor may be served from (a
     *                          rebuilt projection is maintained by a processor of its own)
     */
    public ProjectionFreshness(TrackingProgress progress, EventStore eventStore, CurrentActor actor, Duration maxWait,
                               int maxWaiting, Function<String, Collection<String>> servingProcessors) {
        if (maxWaiting < 0) {
            throw new IllegalArgumentException("maxWaiting must be 0 or more, got " + maxWaiting);
        }
        this.progress = progress;
        this.eventStore = eventStore;
        this.actor = actor;
        this.maxWait = maxWait;
        this.waitingReads = new Semaphore(maxWaiting);
        this.servingProcessors = servingProcessors;
    }

    /**
     * Returns once {@code processor} has applied {@code minPosition} (at once when {@code minPosition} is null).
     *
     * @throws ProjectionLaggingException when the wait limit passes first, or the caller may not wait (503 with
     *                                    Retry-After)
     * @throws InvalidInputException      when the event store has not reached {@code minPosition} either
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
        long head = storeHead(eventStore);
        if (minPosition > head) {
            throw new InvalidInputException("minPosition", "is beyond the last recorded position (" + head
                    + "); pass a position from a command response");
        }
        if (!actor.isAuthenticated()) {
            throw new ProjectionLaggingException(what, minPosition, 0,
                    "only a caller with a bearer token waits; retry shortly");
        }
        if (!waitingReads.tryAcquire()) {
            throw new ProjectionLaggingException(what, minPosition, 0,
                    "too many reads are waiting already; retry shortly");
        }
        try {
            pollUntil(what, minPosition, reached);
        } finally {
            waitingReads.release();
        }
    }

    private void pollUntil(String what, long minPosition, BooleanSupplier reached) {
        long start = System.nanoTime();
        long deadline = start + maxWait.toNanos();
        long pause = FIRST_PAUSE_MILLIS;
        while (true) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw timedOut(what, minPosition, start);
            }
            try {
                Thread.sleep(Math.max(1, Math.min(pause, TimeUnit.NANOSECONDS.toMillis(remaining))));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw timedOut(what, minPosition, start);
            }
            if (reached.getAsBoolean()) {
                return;
            }
            pause = Math.min(pause * 2, MAX_PAUSE_MILLIS);
        }
    }

    private static ProjectionLaggingException timedOut(String what, long minPosition, long start) {
        return new ProjectionLaggingException(what, minPosition,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), "retry shortly");
    }
}
