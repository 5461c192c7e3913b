package ma.crafts.register.platform.security;

import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers tokens the wrapped decoder accepted, until they expire. A chamber's client sends the same bearer token with
 * every request, and verifying it (signature, JSON parsing, claim validation) was about a tenth of the CPU of a
 * {@code GET /api/v1/artisans/{id}}.
 *
 * <p>Why it is safe: the cache key is the whole compact token, signature included, so only a byte-identical copy of a
 * token that passed verification is ever answered from memory; a token with any changed claim is a different key and
 * goes to the decoder. A remembered token is dropped once its {@code exp} has passed (with no clock skew allowance, so
 * never later than the decoder would have accepted it), and tokens without {@code exp} are not remembered at all.
 * Rejections are never remembered. At most {@code capacity} tokens are kept; when full, the cache starts afresh.
 */
public class VerifiedTokenCache implements JwtDecoder {

    private final JwtDecoder decoder;
    private final int capacity;
    private final InstantSource clock;
    private final ConcurrentHashMap<String, Jwt> verified = new ConcurrentHashMap<>();

    public VerifiedTokenCache(JwtDecoder decoder, int capacity, InstantSource clock) {
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
        this.capacity = capacity;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Instant now = clock.instant();
        Jwt known = verified.get(token);
        if (known != null) {
            if (now.isBefore(known.getExpiresAt())) {
                return known;
            }
            verified.remove(token, known);
        }
        Jwt jwt = decoder.decode(token);
        if (jwt.getExpiresAt() != null && now.isBefore(jwt.getExpiresAt())) {
            if (verified.size() >= capacity) {
                verified.clear();
            }
            verified.put(token, jwt);
        }
        return jwt;
    }

    int size() {
        return verified.size();
    }
}
