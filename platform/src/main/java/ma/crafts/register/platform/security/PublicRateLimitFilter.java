package ma.crafts.register.platform.security;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import ma.crafts.register.platform.problem.Problem;
import ma.crafts.register.platform.problem.ProblemWriter;
import org.springframework.http.HttpHeaders;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Rations the paths anyone may call without a token (card verification, the OpenAPI pages) per client address with a
 * token bucket: {@code burst} requests at once, refilled at {@code perSecond}; beyond that 429 problem+json with
 * {@code Retry-After}, before any work is done. A hand-written bucket rather than a library: the rule is a dozen lines,
 * and Bucket4j, the usual choice, is not among the artifacts this build can fetch.
 *
 * <p>At most {@code maxClients} addresses are remembered. When more appear, the buckets that have filled up again
 * (clients idle for {@code burst / perSecond} seconds) are dropped first; only if that is not enough does every client
 * start afresh, which lets a burst through but never blocks anyone wrongly.
 *
 * <p>The client address is the connection's peer; behind a proxy, Spring Boot's
 * {@code server.forward-headers-strategy=native} makes it the forwarded client address.
 */
public class PublicRateLimitFilter extends OncePerRequestFilter {

    private static final long NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);

    private final RequestMatcher limitedPaths;
    private final ProblemWriter writer;
    private final double perSecond;
    private final double burst;
    private final int maxClients;
    private final LongSupplier nanoClock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public PublicRateLimitFilter(RequestMatcher limitedPaths, ProblemWriter writer, int perSecond, int burst,
                                 int maxClients, LongSupplier nanoClock) {
        if (perSecond < 1 || burst < 1 || maxClients < 1) {
            throw new IllegalArgumentException("perSecond, burst and maxClients must be positive, got "
                    + perSecond + ", " + burst + ", " + maxClients);
        }
        this.limitedPaths = limitedPaths;
        this.writer = writer;
        this.perSecond = perSecond;
        this.burst = burst;
        this.maxClients = maxClients;
        this.nanoClock = nanoClock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !limitedPaths.matches(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long waitNanos = bucketOf(request.getRemoteAddr()).take(nanoClock.getAsLong());
        if (waitNanos == 0) {
            chain.doFilter(request, response);
            return;
        }
        long retryAfterSeconds = Math.max(1, (waitNanos + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND);
        writer.write(request, response, Problem.of(429, Problem.TOO_MANY_REQUESTS, "Too many requests",
                        "This address sent more than " + (long) perSecond + " requests a second to public paths; "
                                + "retry after " + retryAfterSeconds + " s")
                .withHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds)));
    }

    private Bucket bucketOf(String client) {
        Bucket bucket = buckets.get(client);
        if (bucket != null) {
            return bucket;
        }
        if (buckets.size() >= maxClients) {
            long now = nanoClock.getAsLong();
            buckets.values().removeIf(idle -> idle.isFull(now));
            if (buckets.size() >= maxClients) {
                buckets.clear();
            }
        }
        return buckets.computeIfAbsent(client, c -> new Bucket(burst, nanoClock.getAsLong()));
    }

    private final class Bucket {
        private double tokens;
        private long refilledAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.refilledAt = now;
        }

        /** Takes one token: 0 when granted, else how many nanoseconds until one is there. */
        synchronized long take(long now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / perSecond * NANOS_PER_SECOND);
        }

        synchronized boolean isFull(long now) {
            refill(now);
            return tokens >= burst;
        }

        private void refill(long now) {
            // Threads read the clock before queueing on this bucket, so a later caller may bring an earlier reading.
            if (now > refilledAt) {
                tokens = Math.min(burst, tokens + (now - refilledAt) * perSecond / NANOS_PER_SECOND);
                refilledAt = now;
            }
        }
    }
}
