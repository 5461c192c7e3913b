package ma.crafts.register.platform.security;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Set;
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
 *
 * <p>Key rotation: a token is only as good as the key that signed it, and the issuer may withdraw a key from its key
 * set before the tokens it signed expire. Memory must not outlive the decoder's knowledge of the key set, so every
 * remembered token goes back to the decoder after {@code keySetLifetime} (how long the decoder trusts the key set it
 * fetched), and all of them do as soon as the decoder accepts a token signed with a key it had not used before: that
 * key came with a fresh key set, from which the old key may be gone.
 */
public class VerifiedTokenCache implements JwtDecoder {

    private record Remembered(Jwt jwt, Instant verifyAgainAt) {
    }

    private final JwtDecoder decoder;
    private final int capacity;
    private final Duration keySetLifetime;
    private final InstantSource clock;
    private final ConcurrentHashMap<String, Remembered> verified = new ConcurrentHashMap<>();
    private final Set<String> signingKeysSeen = ConcurrentHashMap.newKeySet();

    public VerifiedTokenCache(JwtDecoder decoder, int capacity, Duration keySetLifetime, InstantSource clock) {
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
        if (keySetLifetime.isNegative() || keySetLifetime.isZero()) {
            throw new IllegalArgumentException("keySetLifetime must be positive, got " + keySetLifetime);
        }
        this.capacity = capacity;
        this.keySetLifetime = keySetLifetime;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Instant now = clock.instant();
        Remembered known = verified.get(token);
        if (known != null) {
            if (now.isBefore(known.verifyAgainAt())) {
                return known.jwt();
            }
            verified.remove(token, known);
        }
        Jwt jwt = decoder.decode(token);
        if (jwt.getHeaders().get("kid") instanceof String keyId && signingKeysSeen.add(keyId)) {
            verified.clear();
        }
        Instant expiresAt = jwt.getExpiresAt();
        if (expiresAt != null && now.isBefore(expiresAt)) {
            if (verified.size() >= capacity) {
                verified.clear();
            }
            Instant keySetStale = now.plus(keySetLifetime);
            verified.put(token, new Remembered(jwt, expiresAt.isBefore(keySetStale) ? expiresAt : keySetStale));
        }
        return jwt;
    }

    int size() {
        return verified.size();
    }
}
