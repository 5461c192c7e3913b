package ma.crafts.register.standalone.imports;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A running job's progress on standard error: on a terminal, one bar rewritten in place; otherwise (a log, a pipe, a CI
 * job) plain lines, one when the status changes and one every {@code linesEvery} polls, so that a log stays readable.
 */
abstract class Progress {
    final PrintWriter err;

    Progress(PrintWriter err) {
        this.err = err;
    }

    static Progress of(boolean terminal, PrintWriter err, int linesEvery) {
        return terminal ? new Bar(err) : new Lines(err, linesEvery);
    }

    abstract void show(JobStatus job);

    /** Ends the display before the summary is printed. */
    void finish() {
        err.flush();
    }

    /** A status said the way both displays say it: rows, rate and ETA. */
    static String figures(JobStatus job) {
        return String.format(Locale.ROOT, "%,d rows (%,d accepted, %,d rejected, %,d already present), %,.0f rows/s, ETA %s",
                job.rowsRead(), job.accepted(), job.rejected(), job.alreadyPresent(), job.rowsPerSecond(),
                duration(job.etaSeconds()));
    }

    static String duration(Long seconds) {
        if (seconds == null) {
            return "unknown";
        }
        return seconds >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds / 60 % 60)
                : String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
    }

    private static final class Bar extends Progress {
        private static final int WIDTH = 30;
        private int lastLength;

        Bar(PrintWriter err) {
            super(err);
        }

        @Override
        void show(JobStatus job) {
            Integer percent = job.percentRead();
            int filled = percent == null ? 0 : percent * WIDTH / 100;
            String line = "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] "
                    + (percent == null ? "  ?%" : String.format(Locale.ROOT, "%3d%%", percent)) + " " + figures(job);
            // Blanks over the rest of a longer previous line, which \r alone would leave showing.
            err.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
            err.flush();
            lastLength = line.length();
        }

        @Override
        void finish() {
            if (lastLength > 0) {
                err.println();
            }
            err.flush();
        }
    }

    private static final class Lines extends Progress {
        private final int every;
        private String lastStatus;
        private int polls;

        Lines(PrintWriter err, int every) {
            super(err);
            this.every = every;
        }

        @Override
        void show(JobStatus job) {
            boolean changed = !job.status().equals(lastStatus);
            lastStatus = job.status();
            if (changed || ++polls % every == 0) {
                Integer percent = job.percentRead();
                err.println(job.status() + (percent == null ? "" : " " + percent + "%") + ": " + figures(job));
                err.flush();
            }
        }
    }
}
