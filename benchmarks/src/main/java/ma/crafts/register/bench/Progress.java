package ma.crafts.register.bench;

import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** Progress lines on stderr, so stdout holds only the figures. The wall time lines them up with profiler recordings. */
final class Progress {
    private final long startNanos = System.nanoTime();

    void say(String format, Object... args) {
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        System.err.printf(Locale.ROOT, "[%7.1fs %s] %s%n", elapsed, LocalTime.now().truncatedTo(ChronoUnit.MILLIS),
                String.format(Locale.ROOT, format, args));
        System.err.flush();
    }
}
