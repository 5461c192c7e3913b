package ma.crafts.register.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

class VerifiedTokenCacheTest {

    private static final Instant NOW = Instant.now();

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
        VerifiedTokenCache cache = new VerifiedTokenCache(counting, 100, clock);
        String token = issuer.issue("clerk-1", List.of(Role.CHAMBER_CLERK), "MA-07").token();

        Jwt first = cache.decode(token);
        Jwt second = cache.decode(token);

        assertThat(second).isSameAs(first);
        assertThat(second.getSubject()).isEqualTo("clerk-1");
        assertThat(verifications).hasValue(1);
    }

    @Test
    void aForgedCopyOfARememberedTokenStillGoesToTheDecoderAndIsRejected() {
        VerifiedTokenCache cache = new VerifiedTokenCache(counting, 100, clock);
        String token = rememberedClerkToken(cache);
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();

        assertThatThrownBy(() -> cache.decode(forged)).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> cache.decode(forged)).isInstanceOf(JwtException.class);
        assertThat(verifications).hasValue(3);
    }

    @Test
    void anExpiredTokenIsNotAnsweredFromMemory() {
        VerifiedTokenCache cache = new VerifiedTokenCache(counting, 100, clock);
        String token = rememberedClerkToken(cache);

        now.set(NOW.plus(Duration.ofMinutes(10)));
        cache.decode(token); // the decoder's own clock still accepts it; ours says it expired

        assertThat(verifications).hasValue(2);
        assertThat(cache.size()).isZero();
    }

    @Test
    void itNeverHoldsMoreThanItsCapacity() {
        VerifiedTokenCache cache = new VerifiedTokenCache(counting, 3, clock);
        for (int i = 0; i < 10; i++) {
            cache.decode(issuer.issue("clerk-" + i, List.of(Role.CHAMBER_CLERK), "MA-07").token());
            assertThat(cache.size()).isBetween(1, 3);
        }
    }

    private String rememberedClerkToken(VerifiedTokenCache cache) {
        String token = issuer.issue("clerk-1", List.of(Role.CHAMBER_CLERK), "MA-07").token();
        cache.decode(token);
        return token;
    }
}
