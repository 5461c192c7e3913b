package ma.crafts.register.standalone.audit;

import java.io.PrintWriter;

/** A long run's progress on one line of standard error, rewritten at most once a second. */
final class ProgressLine {
    private static final long EVERY_NANOS = 1_000_000_000L;

    private final PrintWriter err;
    private final long started = System.nanoTime();
    private long lastShown = started;
    private boolean shown;

    ProgressLine(PrintWriter err) {
        this.err = err;
    }

    void reached(long position, long lastPosition, long events) {
        long now = System.nanoTime();
        if (now - lastShown < EVERY_NANOS) {
            return;
        }
        lastShown = now;
        shown = true;
        long percent = lastPosition <= 0 ? 100 : Math.min(100, position * 100 / lastPosition);
        err.printf("\rverified position %d of %d (%d%%), %d events, %.0f events/s", position, lastPosition, percent,
                events, events / seconds(now));
        err.flush();
    }

    void done(long events) {
        if (shown) {
            err.println();
        }
        err.printf("verified %d events in %.1f s%n", events, seconds(System.nanoTime()));
        err.flush();
    }

    private double seconds(long now) {
        return Math.max(1e-9, (now - started) / 1e9);
    }
}
