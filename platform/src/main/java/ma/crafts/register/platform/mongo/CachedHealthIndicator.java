package ma.crafts.register.platform.mongo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Reuses a health result for a while. Probes and load balancers poll often, and while MongoDB is away each ping waits
 * out the server-selection timeout: one caller refreshes while the others get the last result at once.
 */
public class CachedHealthIndicator implements HealthIndicator {
    private final HealthIndicator delegate;
    private final Duration ttl;
    private final Clock clock;
    private final ReentrantLock refreshing = new ReentrantLock();
    private volatile Health last;
    private volatile Instant checkedAt = Instant.MIN;

    public CachedHealthIndicator(HealthIndicator delegate, Duration ttl, Clock clock) {
        this.delegate = delegate;
        this.ttl = ttl;
        this.clock = clock;
    }

    @Override
    public Health health() {
        Health cached = last;
        if (cached != null && clock.instant().isBefore(checkedAt.plus(ttl))) {
            return cached;
        }
        if (cached != null && !refreshing.tryLock()) {
            return cached;
        }
        if (cached == null) {
            refreshing.lock();
        }
        try {
            if (last == cached) {
                last = delegate.health();
                checkedAt = clock.instant();
            }
            return last;
        } finally {
            refreshing.unlock();
        }
    }
}
