package ma.crafts.register.standalone.imports;

import java.io.IOException;
import java.io.PrintWriter;

/**
 * Calls to a register that may be restarting: an unreachable register, or one answering 502-504, is asked again every
 * poll until it has been away for the time allowed. An import resumes after a restart, so the command waits for it.
 * A refusal that is not temporary ends the wait at once.
 */
final class Patience {
    interface Call<T> {
        T call() throws IOException, InterruptedException;
    }

    private final PrintWriter err;
    private final long pollMillis;
    private final long allowedNanos;

    Patience(PrintWriter err, double pollSeconds, long waitSeconds) {
        this.err = err;
        this.pollMillis = Math.max(1, Math.round(pollSeconds * 1000));
        this.allowedNanos = waitSeconds * 1_000_000_000L;
    }

    <T> T call(Call<T> call) throws IOException, InterruptedException {
        Long awaySince = null;
        while (true) {
            try {
                T answer = call.call();
                if (awaySince != null) {
                    err.println("register reachable again");
                }
                return answer;
            } catch (Refused refused) {
                if (!refused.temporary()) {
                    throw refused;
                }
                awaySince = waitedSince(awaySince, refused);
            } catch (IOException unreachable) {
                awaySince = waitedSince(awaySince, unreachable);
            }
            pause();
        }
    }

    void pause() throws InterruptedException {
        Thread.sleep(pollMillis);
    }

    private long waitedSince(Long awaySince, IOException failure) throws IOException {
        long now = System.nanoTime();
        if (awaySince == null) {
            err.println("register unreachable (" + failure + "), asking again every " + pollMillis + " ms");
            return now;
        }
        if (now - awaySince > allowedNanos) {
            throw new IOException("the register stayed unreachable for " + allowedNanos / 1_000_000_000L + " s: "
                    + failure.getMessage(), failure);
        }
        return awaySince;
    }
}
