package ma.crafts.register.platform.idempotency;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import ma.crafts.register.platform.problem.PayloadTooLargeException;
import ma.crafts.register.platform.problem.Problem;
import ma.crafts.register.platform.problem.RequestBodyLimitFilter;
import ma.crafts.register.platform.problem.ProblemWriter;
import ma.crafts.register.platform.security.CurrentActor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * {@code Idempotency-Key} on {@code POST}, {@code PUT} and {@code DELETE} under {@code /api/v1/} (a {@code PUT} of a
 * programme records a new version each time, so a retried one is no safer than a retried {@code POST}): the first
 * request with a key runs and its final response (2xx or 4xx) is stored; a repeat with the same method, path and body gets that response
 * again with {@code Idempotent-Replayed: true} and runs nothing; a repeat with a different request gets 422. A repeat
 * that arrives while the first is still running waits for it. Keys are per token subject, so two callers never see
 * each other's responses. A first request that fails with 5xx (or throws), or loses a race with a concurrent change
 * (409 {@code /problems/concurrency}), gives its key up, so it can be retried.
 * <p>
 * A request still unfinished after {@code inProgressLease} is never run a second time: its process may be stalled
 * rather than dead and commit later, and nothing can stop that commit, so running the repeat could act twice. The
 * repeat gets 409 saying the outcome is unknown; the key frees itself when its record expires ({@code ttl}).
 */
public class IdempotencyFilter extends OncePerRequestFilter {
    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    public static final int MAX_KEY_LENGTH = 128;
    private static final String PENDING_ATTRIBUTE = IdempotencyFilter.class.getName() + ".pending";
    private static final Duration FIRST_POLL = Duration.ofMillis(20);
    private static final Duration MAX_POLL = Duration.ofMillis(250);
    private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);

    private final IdempotencyKeyStore store;
    private final CurrentActor actor;
    private final ProblemWriter problems;
    private final Duration waitTimeout;
    private final Duration inProgressLease;
    private final Clock clock;

    public IdempotencyFilter(IdempotencyKeyStore store, CurrentActor actor, ProblemWriter problems,
                             Duration waitTimeout, Duration inProgressLease, Clock clock) {
        this.store = store;
        this.actor = actor;
        this.problems = problems;
        this.waitTimeout = waitTimeout;
        this.inProgressLease = inProgressLease;
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String method = request.getMethod();
        return !("POST".equals(method) || "PUT".equals(method) || "DELETE".equals(method))
                || !pathWithinApplication(request).startsWith("/api/v1/")
                // An upload (a bulk import's file, up to register.http.max-upload-size) is never read into memory to
                // be fingerprinted here: its handler keeps the key itself, by the job it names (command.imports).
                || RequestBodyLimitFilter.isUpload(request);
    }

    /** Async handlers finish on a later dispatch, which is where their response is stored. */
    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (isAsyncDispatch(request)) {
            continueAsync(request, response, chain);
            return;
        }
        String key = request.getHeader(HEADER);
        if (key == null || !actor.isAuthenticated()) {
            // Without a subject there is nobody to scope the key to; security decides what happens to the request.
            chain.doFilter(request, response);
            return;
        }
        Optional<String> keyProblem = validateKey(key);
        if (keyProblem.isPresent()) {
            problems.write(request, response, Problem.validation(HEADER, keyProblem.get()));
            return;
        }
        byte[] body;
        try {
            body = request.getInputStream().readAllBytes();
        } catch (PayloadTooLargeException e) {
            problems.write(request, response, Problem.payloadTooLarge(e.maxBytes()));
            return;
        }
        String subject = actor.subject();
        String path = pathWithinApplication(request) + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        String fingerprint = fingerprint(request.getMethod(), path, body);
        IdempotencyKeyStore.Id id = new IdempotencyKeyStore.Id(subject, key);

        Instant deadline = clock.instant().plus(waitTimeout);
        Duration poll = FIRST_POLL;
        while (true) {
            IdempotencyKeyStore.Claim claim = store.claim(id, fingerprint, request.getMethod(), path);
            if (claim.isClaimed()) {
                runFirst(new CachedBodyRequest(request, body), response, chain, new Pending(claim));
                return;
            }
            IdempotencyRecord existing = claim.existing();
            if (existing == null) {
                continue; // released between our insert and our read: try to claim it again
            }
            if (!existing.fingerprint().equals(fingerprint)) {
                problems.write(request, response, Problem.idempotencyMismatch("Idempotency-Key '" + key
                        + "' was already used for a different request (method, path or body differ)"));
                return;
            }
            if (existing.isDone()) {
                replay(existing.response(), response);
                return;
            }
            Instant now = clock.instant();
            if (existing.startedAt().plus(inProgressLease).isBefore(now)) {
                problems.write(request, response, Problem.concurrency("The request with Idempotency-Key '" + key
                        + "' has been in progress since " + existing.startedAt() + "; its outcome is unknown, so it"
                        + " is not run again under this key before " + existing.expiresAt()
                        + ". Check whether it took effect, then use a new key"));
                return;
            }
            if (!now.isBefore(deadline)) {
                problems.write(request, response, Problem.concurrency("A request with Idempotency-Key '" + key
                        + "' is still being processed; retry later").withHeader(HttpHeaders.RETRY_AFTER, "1"));
                return;
            }
            sleep(poll);
            poll = poll.multipliedBy(3).dividedBy(2);
            if (poll.compareTo(MAX_POLL) > 0) {
                poll = MAX_POLL;
            }
        }
    }

    /** Runs the request that owns the key, capturing its response so it can be stored before the client sees it. */
    private void runFirst(HttpServletRequest request, HttpServletResponse response, FilterChain chain, Pending pending)
            throws ServletException, IOException {
        CapturingResponse capture = new CapturingResponse(response);
        pending.request = request;
        pending.capture = capture;
        boolean handedOff = false;
        try {
            chain.doFilter(request, capture);
            if (request.isAsyncStarted()) {
                request.setAttribute(PENDING_ATTRIBUTE, pending);
                request.getAsyncContext().addListener(new ReleaseOnAbandon(pending));
                handedOff = true;
                return;
            }
            handedOff = true;
            finish(pending);
        } finally {
            if (!handedOff) {
                release(pending);
            }
        }
    }

    private void continueAsync(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Pending pending = (Pending) request.getAttribute(PENDING_ATTRIBUTE);
        if (pending == null || pending.finished.get()) {
            chain.doFilter(request, response);
            return;
        }
        boolean handedOff = false;
        try {
            chain.doFilter(request, response);
            handedOff = true;
            if (!request.isAsyncStarted()) {
                finish(pending);
            }
        } finally {
            if (!handedOff) {
                release(pending);
            }
        }
    }

    private void finish(Pending pending) throws IOException {
        if (!pending.finished.compareAndSet(false, true)) {
            return;
        }
        CapturingResponse capture = pending.capture;
        int status = capture.getStatus();
        boolean storable = (status >= 200 && status < 300 || status >= 400 && status < 500)
                && !capture.errorSent && !capture.isCommitted() && !lostARace(pending.request);
        try {
            if (storable) {
                StoredResponse stored = new StoredResponse(status, capture.getHeader(HttpHeaders.LOCATION),
                        capture.getContentType(), capture.getContentAsByteArray());
                store.complete(pending.claim, stored);
            } else {
                store.release(pending.claim);
            }
        } catch (RuntimeException e) {
            log.error("Could not record the outcome of idempotency key {}; a retry is refused until the key expires",
                    pending.claim.claimed().get("_id"), e);
        } finally {
            capture.copyBodyToResponse();
        }
    }

    private void release(Pending pending) {
        if (!pending.finished.compareAndSet(false, true)) {
            return;
        }
        try {
            store.release(pending.claim);
        } catch (RuntimeException e) {
            log.error("Could not release idempotency key {}; a retry is refused until the key expires",
                    pending.claim.claimed().get("_id"), e);
        }
    }

    /** A 409 for a concurrent change says nothing final about the request: a retry may well succeed. */
    private static boolean lostARace(HttpServletRequest request) {
        return Problem.CONCURRENCY.equals(request.getAttribute(ProblemWriter.PROBLEM_TYPE_ATTRIBUTE));
    }

    private static void replay(StoredResponse stored, HttpServletResponse response) throws IOException {
        response.setStatus(stored.status());
        if (stored.location() != null) {
            response.setHeader(HttpHeaders.LOCATION, stored.location());
        }
        if (stored.contentType() != null) {
            response.setContentType(stored.contentType());
        }
        response.setHeader(REPLAYED_HEADER, "true");
        response.setContentLength(stored.body().length);
        response.getOutputStream().write(stored.body());
        response.flushBuffer();
    }

    /** Empty when valid, else why not: 1 to 128 visible ASCII characters (no spaces, no control characters). */
    public static Optional<String> validateKey(String key) {
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            return Optional.of("must be 1 to " + MAX_KEY_LENGTH + " characters long");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                return Optional.of("must consist of visible ASCII characters only");
            }
        }
        return Optional.empty();
    }

    static String fingerprint(String method, String path, byte[] body) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update((method + " " + path + "\n").getBytes(StandardCharsets.UTF_8));
            sha256.update(body);
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    private static String pathWithinApplication(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        return context != null && !context.isEmpty() && uri.startsWith(context) ? uri.substring(context.length()) : uri;
    }

    private static void sleep(Duration duration) throws IOException {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while waiting for a concurrent request with the same Idempotency-Key", e);
        }
    }

    private static final class Pending {
        final IdempotencyKeyStore.Claim claim;
        final AtomicBoolean finished = new AtomicBoolean();
        volatile HttpServletRequest request;
        volatile CapturingResponse capture;

        Pending(IdempotencyKeyStore.Claim claim) {
            this.claim = claim;
        }
    }

    /** Holds the body back until it is stored, and notices {@code sendError}, whose body only the container knows. */
    private static final class CapturingResponse extends ContentCachingResponseWrapper {
        volatile boolean errorSent;

        CapturingResponse(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void sendError(int sc) throws IOException {
            errorSent = true;
            super.sendError(sc);
        }

        @Override
        public void sendError(int sc, String msg) throws IOException {
            errorSent = true;
            super.sendError(sc, msg);
        }
    }

    /** If an async request ends without a final dispatch through this filter (client gone, timeout), free its key. */
    private final class ReleaseOnAbandon implements AsyncListener {
        private final Pending pending;

        ReleaseOnAbandon(Pending pending) {
            this.pending = pending;
        }

        @Override
        public void onComplete(AsyncEvent event) {
            release(pending);
        }

        @Override
        public void onTimeout(AsyncEvent event) {
        }

        @Override
        public void onError(AsyncEvent event) {
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }
    }
}
