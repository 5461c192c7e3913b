package ma.crafts.register.eventstore;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.bson.Document;

/**
 * This engine's share of the global positions, taken from the shared counter in blocks so that most commits cost one
 * insert and no counter round trip (the counter is what limits a writer on mongo-java-server, which serialises it).
 * The block doubles while it runs out within the linger time (busy) and halves otherwise, so a quiet register still
 * reserves one position per commit. A remainder is given up with a void document when a commit does not fit in it,
 * or after the linger time without a commit; until then it is a reservation in flight, which readers of other
 * processes see as gaps and deliver around, like any other. Used by the writer and the linger check, hence synchronised.
 */
final class PositionBlock {
    /** Daemon threads, shared by every engine in the JVM, that give up idle block remainders (one small insert each). */
    private static final ExecutorService REMAINDER_CLOSERS = DaemonThreads.pool("event-store-position-blocks");

    private final int maxSize;
    private final Duration linger;
    private final PositionCounter counter;
    private final Voids voids;
    private long next;
    private long end;
    private int size = 1;
    private boolean reservedBefore;
    private long reservedAtNanos;
    private long lastTakeNanos;
    private boolean lingerCheckScheduled;

    PositionBlock(int maxSize, Duration linger, PositionCounter counter, Voids voids) {
        this.maxSize = maxSize;
        this.linger = linger;
        this.counter = counter;
        this.voids = voids;
    }

    /** The most positions a block holds: how far below the counter positions may still be reserved by this engine. */
    int maxSize() {
        return maxSize;
    }

    /** @param closedRemainders receives the void documents of remainders given up on the way */
    synchronized void assign(List<PendingCommit> batch, List<Document> closedRemainders) {
        long wanted = 0;
        for (PendingCommit commit : batch) {
            wanted += commit.events.size();
        }
        for (PendingCommit commit : batch) {
            commit.firstPosition = take(commit.events.size(), commit.positionsAbove, wanted, closedRemainders);
            wanted -= commit.events.size();
        }
    }

    /**
     * @param above            positions at or below it are not to be taken: the block's remainder is given up for a new
     *                         block, which the counter places above every position reserved so far, this one included
     * @param wanted           events still to place in this batch, this commit's included: a new block covers them all
     * @param closedRemainders receives the void document of a remainder given up here
     */
    private long take(int count, long above, long wanted, List<Document> closedRemainders) {
        long now = System.nanoTime();
        if (end - next < count || next <= above) {
            if (end > next) {
                closedRemainders.add(voids.of(next, end - 1, "unused"));
            }
            boolean ranOutQuickly = reservedBefore && now - reservedAtNanos < linger.toNanos();
            size = ranOutQuickly ? Math.min(maxSize, size * 2) : Math.max(1, size / 2);
            long reserved = Math.max(wanted, size);
            next = counter.reserve(reserved);
            end = next + reserved;
            reservedAtNanos = now;
            reservedBefore = true;
        }
        long first = next;
        next += count;
        lastTakeNanos = now;
        if (next < end && !lingerCheckScheduled && !linger.isZero()) {
            lingerCheckScheduled = true;
            scheduleLingerCheck(linger.toNanos());
        }
        return first;
    }

    private void scheduleLingerCheck(long delayNanos) {
        CompletableFuture.runAsync(this::giveUpIdleRemainder,
                CompletableFuture.delayedExecutor(delayNanos, TimeUnit.NANOSECONDS, REMAINDER_CLOSERS));
    }

    private synchronized void giveUpIdleRemainder() {
        lingerCheckScheduled = false;
        if (next >= end) {
            return;
        }
        long idleNanos = System.nanoTime() - lastTakeNanos;
        if (idleNanos < linger.toNanos()) {
            lingerCheckScheduled = true;
            scheduleLingerCheck(linger.toNanos() - idleNanos);
            return;
        }
        Document closing = voids.of(next, end - 1, "unused");
        next = end;
        size = Math.max(1, size / 2);
        voids.insertQuietly(List.of(closing));
    }
}
