package ma.crafts.register.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;

/** Commands sent through Axon's {@link CommandGateway} by a fixed number of client threads, each waiting for its result. */
final class AppendRun {
    private AppendRun() {
    }

    record Outcome(Rate rate, long failures, String firstFailure, double p50Millis, double p99Millis) {
    }

    static Outcome run(CommandGateway gateway, List<CommandMessage<?>> commands, int threads, Duration cap) {
        AtomicInteger next = new AtomicInteger();
        AtomicLong done = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        long[] latencies = new long[commands.size()];
        Rate.Clock clock = Rate.Clock.start();
        long deadline = clock.wallNanos() + cap.toNanos();
        Workers.run(threads, () -> {
            int index;
            while (System.nanoTime() < deadline && (index = next.getAndIncrement()) < commands.size()) {
                long sent = System.nanoTime();
                try {
                    gateway.sendAndWait(commands.get(index));
                    done.incrementAndGet();
                } catch (RuntimeException e) {
                    failures.incrementAndGet();
                    firstFailure.compareAndSet(null, e.getClass().getSimpleName() + ": " + e.getMessage());
                }
                latencies[index] = System.nanoTime() - sent;
            }
        });
        int attempted = Math.min(next.get(), commands.size());
        long[] sorted = Arrays.copyOf(latencies, attempted);
        Arrays.sort(sorted);
        Rate rate = clock.stop(done.get()).bounded(attempted < commands.size());
        return new Outcome(rate, failures.get(), firstFailure.get(), percentile(sorted, 0.50), percentile(sorted, 0.99));
    }

    static double percentile(long[] sortedNanos, double quantile) {
        if (sortedNanos.length == 0) {
            return 0;
        }
        int index = (int) Math.min(sortedNanos.length - 1, Math.ceil(quantile * sortedNanos.length) - 1);
        return sortedNanos[Math.max(index, 0)] / 1e6;
    }
}
