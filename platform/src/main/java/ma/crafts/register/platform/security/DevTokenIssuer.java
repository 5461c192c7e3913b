package ma.crafts.register.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import ma.crafts.register.platform.PlatformStartupException;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Signs and verifies the HS256 tokens of dev mode ({@code REGISTER_AUTH_MODE=dev}). Given no secret it uses a fresh
 * random one, so tokens from an earlier run stop working; the platform passes the key it keeps in the key directory
 * instead whenever the store outlives the process. Tests in other modules can inject it to mint tokens without going
 * through HTTP.
 */
public class DevTokenIssuer {
    public static final String ISSUER = "crafts-register-dev";
    private static final int MIN_SECRET_BYTES = 32;

    private final SecretKey key;
    private final Duration ttl;
    private final Clock clock;
    private final NimbusJwtEncoder encoder;

    public DevTokenIssuer(String configuredSecret, Duration ttl, Clock clock) {
        this.key = new SecretKeySpec(secretBytes(configuredSecret), "HmacSHA256");
        this.ttl = ttl;
        this.clock = clock;
        this.encoder = new NimbusJwtEncoder(new ImmutableSecret<>(key));
    }

    private static byte[] secretBytes(String configured) {
        if (configured == null || configured.isBlank()) {
            byte[] random = new byte[MIN_SECRET_BYTES];
            new SecureRandom().nextBytes(random);
            return random;
        }
        byte[] bytes = configured.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_SECRET_BYTES) {
            throw new PlatformStartupException("register.auth.dev-secret is " + bytes.length
                    + " bytes long; HS256 needs at least " + MIN_SECRET_BYTES,
                    "Use a longer secret (e.g. `openssl rand -base64 48`) or leave it unset for a random one.");
        }
        return bytes;
    }

    public record IssuedToken(String token, Instant expiresAt) {
    }

    /** Signs a token for {@code subject}; a {@code region} of {@code null} leaves the claim out. */
    public IssuedToken issue(String subject, Collection<Role> roles, String region) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = now.plus(ttl);
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
                .issuer(ISSUER)
                .subject(subject)
                .issuedAt(now)
                .expiresAt(expiresAt)
                .claim(CurrentActor.ROLES_CLAIM, List.copyOf(roles.stream().map(Role::name).toList()));
        if (region != null) {
            claims.claim(CurrentActor.REGION_CLAIM, region);
        }
        JwsHeader header = JwsHeader.with(MacAlgorithm.HS256).type("JWT").build();
        String token = encoder.encode(JwtEncoderParameters.from(header, claims.build())).getTokenValue();
        return new IssuedToken(token, expiresAt);
    }

    /** Verifies signature, expiry and issuer of dev tokens. */
    public JwtDecoder decoder() {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(key).macAlgorithm(MacAlgorithm.HS256).build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(ISSUER));
        return decoder;
    }
}
