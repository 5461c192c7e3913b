package ma.crafts.register.query.eligibility;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the eligibility model's recompute passes on one background thread: at once when a programme is defined or
 * revised, and every {@code checkInterval} otherwise (a version whose {@code effectiveFrom} has come, a new day, a
 * pass cut short by a restart). Each generation of the model being written (the one serving reads, and one a rebuild
 * builds) gets its passes.
 */
public class EligibilityRecompute implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EligibilityRecompute.class);

    private final IntFunction<EligibilityModel> generation;
    private final Supplier<Set<Integer>> writtenGenerations;
    private final Duration checkInterval;
    private final AtomicBoolean checkQueued = new AtomicBoolean();
    private final AtomicReference<EligibilityModel.PassOutcome> lastPass = new AtomicReference<>();
    private volatile ScheduledExecutorService executor;

    /**
     * @param generation         the model of a generation
     * @param writtenGenerations the generations being written now
     */
    public EligibilityRecompute(IntFunction<EligibilityModel> generation, Supplier<Set<Integer>> writtenGenerations,
                                Duration checkInterval) {
        this.generation = generation;
        this.writtenGenerations = writtenGenerations;
        this.checkInterval = checkInterval;
    }

    /** Asks for a check as soon as the thread is free; checks asked for meanwhile are one. */
    public void wake() {
        ScheduledExecutorService running = executor;
        if (running != null && checkQueued.compareAndSet(false, true)) {
            try {
                running.execute(this::check);
            } catch (RejectedExecutionException stopping) {
                checkQueued.set(false);
            }
        }
    }

    /** The last pass that ran, for the benchmark and the tests. */
    public Optional<EligibilityModel.PassOutcome> lastPass() {
        return Optional.ofNullable(lastPass.get());
    }

    private void check() {
        checkQueued.set(false);
        for (int written : new TreeSet<>(writtenGenerations.get())) {
            try {
                generation.apply(written).recomputeIfDue().ifPresent(outcome -> {
                    lastPass.set(outcome);
                    log.info("Eligibility pass {} of generation {}: {} actors, {} verdicts in {} ms, switched in {} ms",
                            outcome.number(), written, outcome.actors(), outcome.verdicts(),
                            outcome.judgingNanos() / 1_000_000, outcome.switchNanos() / 1_000_000);
                });
            } catch (RuntimeException e) {
                log.warn("Eligibility recompute of generation {} failed; the next check tries again", written, e);
            }
        }
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "eligibility-recompute");
            thread.setDaemon(true);
            return thread;
        });
        long interval = checkInterval.toMillis();
        executor.scheduleWithFixedDelay(this::check, 0, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
