package ma.crafts.register.bench.http;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * A closed-loop load: {@code concurrency} threads each send a request, wait for the answer and send the next, first
 * for a warm-up whose figures are dropped, then for the measured duration. Latency is measured per request from just
 * before sending to the end of reading the response, in microseconds.
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

    LoadPhase(String name, int concurrency) {
        this.name = name;
        this.concurrency = concurrency;
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
        List<Histogram> histograms = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(seconds);
        for (int i = 0; i < concurrency; i++) {
            Histogram histogram = new Histogram(HIGHEST_MICROS, 3);
            histograms.add(histogram);
            Thread thread = new Thread(() -> {
                while (System.nanoTime() < deadline) {
                    long sent = System.nanoTime();
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
                    long micros = (System.nanoTime() - sent) / 1000;
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
