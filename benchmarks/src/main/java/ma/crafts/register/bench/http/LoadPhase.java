package ma.crafts.register.bench.http;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * A load of {@code concurrency} threads, first for a warm-up whose figures are dropped, then for the measured duration.
 * <ul>
 *   <li>Closed loop (no rate): each thread sends a request, waits for the answer and sends the next, so the load finds
 *   the register's highest throughput. Latency runs from just before sending to the end of reading the response.</li>
 *   <li>Open loop ({@code ratePerSecond}): requests are due at fixed intervals whatever the answers, as clients arriving
 *   independently would send them; {@code concurrency} caps those in flight. Latency runs from the time a request was
 *   <em>due</em>, so a register that falls behind shows its queueing in the figures instead of slowing the load down
 *   (no coordinated omission). Every request due within the period is sent, if need be after it ends.</li>
 * </ul>
 * Latencies are recorded in microseconds.
 */
final class LoadPhase {

    /** One request; returns whether it succeeded. Exceptions count as failures. */
    @FunctionalInterface
    interface Request {
        boolean send() throws Exception;
    }

    /**
     * @param ok       successful requests in the measured period
     * @param warmupOk successful requests during the warm-up (for a write load: also stored)
     */
    record Result(long ok, long failed, double seconds, Histogram latencies, long warmupOk) {
        double perSecond() {
            return ok / seconds;
        }

        double millis(double percentile) {
            return latencies.getTotalCount() == 0 ? Double.NaN : latencies.getValueAtPercentile(percentile) / 1000.0;
        }
    }

    private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(2);

    private final String name;
    private final int concurrency;
    private final double ratePerSecond;

    /** An open loop at {@code ratePerSecond}, or a closed loop when it is 0. */
    LoadPhase(String name, int concurrency, double ratePerSecond) {
        if (ratePerSecond < 0) {
            throw new IllegalArgumentException("rate must not be negative: " + ratePerSecond);
        }
        this.name = name;
        this.concurrency = concurrency;
        this.ratePerSecond = ratePerSecond;
    }

    Result run(Request request, long warmupSeconds, long seconds) throws InterruptedException {
        long warmupOk = 0;
        if (warmupSeconds > 0) {
            Result warmup = runFor(request, warmupSeconds, 0);
            System.err.printf("%s: warm-up %,d ok, %,d failed%n", name, warmup.ok(), warmup.failed());
            warmupOk = warmup.ok();
        }
        return runFor(request, seconds, warmupOk);
    }

    private Result runFor(Request request, long seconds, long warmupOk) throws InterruptedException {
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong tickets = new AtomicLong();
        List<Histogram> histograms = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(seconds);
        double nanosBetween = ratePerSecond > 0 ? 1e9 / ratePerSecond : 0;
        for (int i = 0; i < concurrency; i++) {
            Histogram histogram = new Histogram(HIGHEST_MICROS, 3);
            histograms.add(histogram);
            Thread thread = new Thread(() -> {
                while (true) {
                    long due = nanosBetween > 0 ? start + (long) (tickets.getAndIncrement() * nanosBetween)
                            : System.nanoTime();
                    if (due >= deadline) {
                        return;
                    }
                    for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                        LockSupport.parkNanos(wait);
                    }
                    boolean success;
                    try {
                        success = request.send();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    } catch (Exception e) {
                        success = false;
                        if (failed.get() < 5) {
                            System.err.println(name + ": " + e);
                        }
                    }
                    long micros = (System.nanoTime() - due) / 1000;
                    if (success) {
                        ok.incrementAndGet();
                        histogram.recordValue(Math.min(micros, HIGHEST_MICROS));
                    } else {
                        failed.incrementAndGet();
                    }
                }
            }, name + "-" + i);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        Histogram all = new Histogram(HIGHEST_MICROS, 3);
        histograms.forEach(all::add);
        return new Result(ok.get(), failed.get(), elapsed, all, warmupOk);
    }
}
