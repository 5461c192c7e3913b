package ma.crafts.register.eventstore.deadline;

import static ma.crafts.register.eventstore.deadline.DeadlineDocuments.AVAILABLE_AT;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import org.axonframework.common.AxonThreadFactory;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that fires this node's deadlines: every poll interval it reads the due-time index from the floor to
 * the current minute (see {@link DeadlineBuckets}) and fires what is due; every sweep interval it sweeps for deadlines
 * that no bucket leads to any more.
 */
final class DeadlinePoller {
    /** The deadline manager's category, the one operators configure and search for deadline failures. */
    private static final Logger log = LoggerFactory.getLogger(MongoDeadlineManager.class);

    private final DeadlineStore store;
    private final DeadlineBuckets buckets;
    private final DeadlineDelivery delivery;
    private final Clock clock;
    private final Duration pollInterval;
    private final Duration sweepInterval;
    private final int batchSize;
    private final int maxBucketsPerPoll;
    private final BooleanSupplier holdsDeadlineHandlers;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private volatile ScheduledExecutorService executor;
    /** The first minute whose bucket the last poll left holding due entries, or could not reach; see {@link #backlogAge}. */
    private volatile long pendingFromMinute = NOT_POLLED;

    private static final long NOT_POLLED = Long.MAX_VALUE;

    DeadlinePoller(DeadlineStore store, DeadlineBuckets buckets, DeadlineDelivery delivery, Clock clock,
                   Duration pollInterval, Duration sweepInterval, int batchSize, int maxBucketsPerPoll,
                   BooleanSupplier holdsDeadlineHandlers) {
        this.store = store;
        this.buckets = buckets;
        this.delivery = delivery;
        this.clock = clock;
        this.pollInterval = pollInterval;
        this.sweepInterval = sweepInterval;
        this.batchSize = batchSize;
        this.maxBucketsPerPoll = maxBucketsPerPoll;
        this.holdsDeadlineHandlers = holdsDeadlineHandlers;
    }

    /** See {@link MongoDeadlineManager#start()}. */
    void start() {
        if (stopped.get() || !started.compareAndSet(false, true)) {
            return;
        }
        if (!holdsDeadlineHandlers.getAsBoolean()) {
            log.info("No aggregate or saga in this process: it leaves the deadlines to the processes that hold them");
            return;
        }
        ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(
                new AxonThreadFactory("MongoDeadlineManager"));
        executor = thread;
        thread.scheduleWithFixedDelay(() -> runSafely("Polling", pollInterval, this::pollOnce), 0,
                pollInterval.toMillis(), TimeUnit.MILLISECONDS);
        thread.scheduleWithFixedDelay(() -> runSafely("Sweeping", sweepInterval, this::sweepOnce),
                sweepInterval.toMillis(), sweepInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** See {@link MongoDeadlineManager#shutdown()}. */
    void shutdown() {
        stopped.set(true);
        ScheduledExecutorService thread = executor;
        if (thread == null) {
            return;
        }
        thread.shutdown();
        try {
            if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Runs passes until one acts on less than a full batch: a full batch means more may be due right now, so the next
     * pass goes on without waiting for the next tick.
     */
    private void runSafely(String what, Duration interval, IntSupplier pass) {
        try {
            while (!stopped.get() && pass.getAsInt() >= batchSize) {
                Thread.onSpinWait();
            }
        } catch (RuntimeException e) {
            log.warn("{} the deadline store failed; retrying in {}", what, interval, e);
        } catch (Error e) {
            // A throwable escaping this task would cancel the schedule silently and stop every deadline here.
            log.error("{} the deadline store failed; retrying in {}", what, interval, e);
            if (e instanceof VirtualMachineError) {
                throw e;
            }
        }
    }

    /**
     * One pass: read the floor and the buckets up to now, advance the floor over empty ones, then take and fire the
     * deadlines that are available.
     *
     * @return how many bucket entries were acted on (taken or cleaned up), so the caller knows whether to go on at
     * once; entries not yet available do not count, so waiting for them never spins
     */
    int pollOnce() {
        Instant now = clock.instant();
        long currentMinute = DeadlineBuckets.minuteOf(now);
        DeadlineBuckets.Floor floor = buckets.floor();
        if (floor == null || floor.minute() > currentMinute) {
            pendingFromMinute = currentMinute + 1;
            return 0;
        }
        long to = Math.min(currentMinute, floor.minute() + maxBucketsPerPoll - 1);
        NavigableMap<Long, List<DeadlineBuckets.Entry>> due = buckets.read(floor.minute(), to, batchSize);
        long pendingFrom = due.isEmpty() ? to + 1 : due.firstKey();
        buckets.advance(floor, pendingFrom);
        pendingFromMinute = pendingFrom;

        Map<String, DeadlineBuckets.Slot> slotOf = new HashMap<>();
        List<String> ids = new ArrayList<>();
        for (List<DeadlineBuckets.Entry> bucket : due.values()) {
            for (DeadlineBuckets.Entry entry : bucket) {
                if (ids.size() >= batchSize) {
                    break;
                }
                ids.add(entry.deadlineId());
                slotOf.put(entry.deadlineId(), entry.slot());
            }
        }
        if (ids.isEmpty()) {
            return 0;
        }
        Map<String, Document> documents = store.polled(ids);
        int actedOn = 0;
        for (String id : ids) {
            if (stopped.get()) {
                break;
            }
            DeadlineBuckets.Slot slot = slotOf.get(id);
            Document document = documents.get(id);
            if (document == null || !DeadlineDocuments.slotOf(document).equals(slot)
                    || DeadlineDocuments.isParked(document)) {
                // Fired, cancelled, parked or moved to a retry bucket by now: the entry here is stale.
                buckets.remove(slot, id);
                actedOn++;
            } else if (!document.getDate(AVAILABLE_AT).toInstant().isAfter(now)) {
                delivery.fireIfAvailable(id, now);
                actedOn++;
            }
        }
        return actedOn;
    }

    /**
     * How long the deadlines due longest ago have waited: from the start of the first minute the last poll left due
     * entries in (or could not reach) until now. Zero while the poller keeps up, and in a process that does not poll. A
     * poller that falls behind, or stops, shows here as a wait that grows.
     */
    Duration backlogAge() {
        long minute = pendingFromMinute;
        if (minute == NOT_POLLED) {
            return Duration.ZERO;
        }
        Duration waited = Duration.between(Instant.ofEpochMilli(minute * 60_000L), clock.instant());
        return waited.isNegative() ? Duration.ZERO : waited;
    }

    /**
     * Fires deadlines overdue by more than a sweep interval, whether or not a bucket still leads to them: a node that
     * died between writing a deadline and filing it, or between moving it to a retry bucket and filing it there,
     * left it in no bucket, and the poller would never see it. The claim keeps this from firing a deadline twice when
     * the poller reaches it too.
     *
     * @return how many overdue deadlines were found
     */
    int sweepOnce() {
        Instant now = clock.instant();
        List<String> overdue = store.availableSince(now.minus(sweepInterval), batchSize);
        for (String id : overdue) {
            if (stopped.get()) {
                break;
            }
            delivery.fireIfAvailable(id, now);
        }
        return overdue.size();
    }
}
