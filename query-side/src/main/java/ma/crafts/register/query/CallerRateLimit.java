package ma.crafts.register.query;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * At most {@code limit} calls per caller in each window of {@code window}, counted from the caller's first call of the
 * window. Keeps a lookup by CIN from being used to test many CINs: an authenticated caller is limited by who it is,
 * not by its address. Callers are forgotten when their window ends, so memory follows the active callers only.
 */
public class CallerRateLimit {

    private final Cache<String, AtomicInteger> windows;
    private final int limit;
    private final Duration window;

    public CallerRateLimit(int limit, Duration window) {
        if (limit < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("The limit and its window must be positive, got " + limit + " per "
                    + window);
        }
        this.limit = limit;
        this.window = window;
        this.windows = Caffeine.newBuilder().expireAfterWrite(window).build();
    }

    /** @throws CallerRateLimitedException when {@code caller} has used up its calls for the current window */
    public void acquire(String caller) {
        if (windows.get(caller, c -> new AtomicInteger()).incrementAndGet() > limit) {
            throw new CallerRateLimitedException(limit, window);
        }
    }

    /** A caller over its limit; rendered as 429 with {@code Retry-After}. */
    public static class CallerRateLimitedException extends RuntimeException {
        private final long retryAfterSeconds;

        CallerRateLimitedException(int limit, Duration window) {
            super("At most " + limit + " such requests are allowed per " + window.toSeconds() + " s; retry later");
            this.retryAfterSeconds = Math.max(1, window.toSeconds());
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }
}
