package ma.crafts.register.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

class VerifiedTokenCacheTest {

    private static final Instant NOW = Instant.now();
    private static final Duration KEY_SET_LIFETIME = Duration.ofMinutes(5);

    private final AtomicReference<Instant> now = new AtomicReference<>(NOW);
    private final InstantSource clock = now::get;
    private final DevTokenIssuer issuer = new DevTokenIssuer(null, Duration.ofMinutes(10), Clock.fixed(NOW, ZoneOffset.UTC));
    private final AtomicInteger verifications = new AtomicInteger();
    private final JwtDecoder counting = token -> {
        verifications.incrementAndGet();
        return issuer.decoder().decode(token);
    };

    @Test
    void aTokenIsVerifiedOnceWhileItIsValid() {
        VerifiedTokenCache cache = new VerifiedTokenCache(counting, 100, KEY_SET_LIFETIME, clock);
        String token = issuer.issue("clerk-1", List.of(Role.CHAMBER_CLERK), "MA-07").token();

        Jwt first = cache.decode(token);
        Jwt second = cache.decode(token);

        assertThat(second).isSameAs(first);
        assertThat(second.getSubject()).isEqualTo("clerk-1");
        assertThat(verifications).hasValue(1);
    }

    @Test
    void aForgedCopyOfARememberedTokenStillGoesToTheDecoderAndIsRejected() {
        VerifiedTokenCache cache = new VerifiedTokenCache(counting, 100, KEY_SET_LIFETIME, clock);
        String token = rememberedClerkToken(cache);
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();

        assertThatThrownBy(() -> cache.decode(forged)).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> cache.decode(forged)).isInstanceOf(JwtException.class);
        assertThat(verifications).hasValue(3);
    }

    @Test
    void anExpiredTokenIsNotAnsweredFromMemory() {
        VerifiedTokenCache cache = new VerifiedTokenCache(counting, 100, KEY_SET_LIFETIME, clock);
        String token = rememberedClerkToken(cache);

        now.set(NOW.plus(Duration.ofMinutes(10)));
        cache.decode(token); // the decoder's own clock still accepts it; ours says it expired

        assertThat(verifications).hasValue(2);
        assertThat(cache.size()).isZero();
    }

    @Test
    void itNeverHoldsMoreThanItsCapacity() {
        VerifiedTokenCache cache = new VerifiedTokenCache(counting, 3, KEY_SET_LIFETIME, clock);
        for (int i = 0; i < 10; i++) {
            cache.decode(issuer.issue("clerk-" + i, List.of(Role.CHAMBER_CLERK), "MA-07").token());
            assertThat(cache.size()).isBetween(1, 3);
        }
    }

    @Test
    void aRememberedTokenWhoseKeyWasWithdrawnIsRefusedOnceATokenOfTheNewKeyArrives() {
        KeySet keys = new KeySet("key-1");
        VerifiedTokenCache cache = rememberingTheTokenOfKey1(keys);

        keys.rotateTo("key-2");
        cache.decode("token-of:key-2");

        assertThatThrownBy(() -> cache.decode("token-of:key-1")).isInstanceOf(BadJwtException.class);
    }

    @Test
    void aRememberedTokenWhoseKeyIsStillPublishedSurvivesARotation() {
        KeySet keys = new KeySet("key-1");
        VerifiedTokenCache cache = rememberingTheTokenOfKey1(keys);

        keys.publish("key-2");
        cache.decode("token-of:key-2");

        assertThat(cache.decode("token-of:key-1").getHeaders()).containsEntry("kid", "key-1");
    }

    @Test
    void aRememberedTokenGoesBackToTheDecoderOnceTheKeySetItWasVerifiedAgainstMayBeStale() {
        KeySet keys = new KeySet("key-1");
        VerifiedTokenCache cache = rememberingTheTokenOfKey1(keys);
        keys.rotateTo("key-2");

        now.set(NOW.plus(KEY_SET_LIFETIME).minusSeconds(1));
        cache.decode("token-of:key-1");
        now.set(NOW.plus(KEY_SET_LIFETIME));

        assertThatThrownBy(() -> cache.decode("token-of:key-1")).isInstanceOf(BadJwtException.class);
    }

    private VerifiedTokenCache rememberingTheTokenOfKey1(KeySet keys) {
        VerifiedTokenCache cache = new VerifiedTokenCache(keys, 100, KEY_SET_LIFETIME, clock);
        cache.decode("token-of:key-1");
        return cache;
    }

    /** An issuer's published keys, as the decoder sees them: tokens are named after the key that signed them. */
    private static final class KeySet implements JwtDecoder {
        private final Set<String> published = new HashSet<>();

        KeySet(String key) {
            published.add(key);
        }

        void publish(String key) {
            published.add(key);
        }

        void rotateTo(String key) {
            published.clear();
            published.add(key);
        }

        @Override
        public Jwt decode(String token) {
            String key = token.substring("token-of:".length());
            if (!published.contains(key)) {
                throw new BadJwtException("no published key " + key);
            }
            return Jwt.withTokenValue(token).header("alg", "RS256").header("kid", key).subject("clerk-1")
                    .issuedAt(NOW).expiresAt(NOW.plus(Duration.ofHours(1))).build();
        }
    }

    private String rememberedClerkToken(VerifiedTokenCache cache) {
        String token = issuer.issue("clerk-1", List.of(Role.CHAMBER_CLERK), "MA-07").token();
        cache.decode(token);
        return token;
    }
}
