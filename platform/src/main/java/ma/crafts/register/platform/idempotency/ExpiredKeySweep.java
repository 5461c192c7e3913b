package ma.crafts.register.platform.idempotency;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Deletes expired idempotency keys every interval. MongoDB's TTL monitor would do it alone; mongo-java-server ignores
 * TTL indexes, so without this sweep the embedded store would keep every key forever.
 */
class ExpiredKeySweep implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(ExpiredKeySweep.class);

    private final IdempotencyKeyStore store;
    private final Duration interval;
    private ScheduledExecutorService scheduler;

    ExpiredKeySweep(IdempotencyKeyStore store, Duration interval) {
        this.store = store;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "idempotency-key-sweep");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::sweep, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sweep() {
        try {
            long deleted = store.deleteExpired();
            if (deleted > 0) {
                log.info("Deleted {} expired idempotency keys", deleted);
            }
        } catch (RuntimeException e) {
            log.warn("Could not delete expired idempotency keys; trying again in {}", interval, e);
        }
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
