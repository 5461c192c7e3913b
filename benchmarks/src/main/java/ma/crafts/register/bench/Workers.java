package ma.crafts.register.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Client threads of a measurement. */
final class Workers {
    private Workers() {
    }

    /** Runs {@code threads} copies of {@code work} at once on fresh threads and waits for all of them. */
    static void run(int threads, Runnable work) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> running = new ArrayList<>(threads);
            for (int t = 0; t < threads; t++) {
                running.add(pool.submit(work));
            }
            for (Future<?> worker : running) {
                await(worker);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The task's result; its failure, or an interruption of the waiting thread, becomes an unchecked exception. */
    static <T> T await(Future<T> task) {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
