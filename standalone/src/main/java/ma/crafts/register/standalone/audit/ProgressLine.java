package ma.crafts.register.standalone.audit;

import java.io.PrintWriter;
import java.time.Duration;

/**
 * A long run's progress on standard error, at most once an interval: on a terminal one line rewritten in place; else
 * (a log, a pipe) a line each time, since a carriage return would pile every report onto one line there.
 */
final class ProgressLine {
    private final PrintWriter err;
    private final long everyNanos;
    private final boolean terminal;
    private final long started = System.nanoTime();
    private long lastShown = started;
    private boolean shown;

    ProgressLine(PrintWriter err, Duration every, boolean terminal) {
        this.err = err;
        this.everyNanos = every.toNanos();
        this.terminal = terminal;
    }

    void reached(long position, long lastPosition, long events) {
        long now = System.nanoTime();
        if (now - lastShown < everyNanos) {
            return;
        }
        lastShown = now;
        shown = true;
        long percent = lastPosition <= 0 ? 100 : Math.min(100, position * 100 / lastPosition);
        err.printf("%sverified position %d of %d (%d%%), %d events, %.0f events/s%s", terminal ? "\r" : "", position,
                lastPosition, percent, events, events / seconds(now), terminal ? "" : System.lineSeparator());
        err.flush();
    }

    void done(long events) {
        if (shown && terminal) {
            err.println();
        }
        err.printf("verified %d events in %.1f s%n", events, seconds(System.nanoTime()));
        err.flush();
    }

    private double seconds(long now) {
        return Math.max(1e-9, (now - started) / 1e9);
    }
}
