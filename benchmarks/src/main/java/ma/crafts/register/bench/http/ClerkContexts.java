package ma.crafts.register.bench.http;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import ma.crafts.register.platform.security.CurrentActor;
import ma.crafts.register.platform.security.RolesClaimAuthenticationConverter;
import ma.crafts.register.platform.security.Role;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Security contexts of chamber clerks, one per region, built the way the resource server builds them from a verified
 * token (same claims, same converter), so that the command side's role and region checks and its {@code recordedBy}
 * / {@code chamber} metadata see what they see behind {@code POST /api/v1/artisans}.
 */
final class ClerkContexts {
    private final Map<String, SecurityContext> byRegion = new ConcurrentHashMap<>();
    private final RolesClaimAuthenticationConverter converter = new RolesClaimAuthenticationConverter();

    /** Runs {@code work} on this thread as the clerk of {@code regionCode}. */
    <T> T asClerkOf(String regionCode, Supplier<T> work) {
        SecurityContextHolder.setContext(byRegion.computeIfAbsent(regionCode, this::clerk));
        try {
            return work.get();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    static String subject(String regionCode) {
        return "bench-clerk-" + regionCode;
    }

    private SecurityContext clerk(String regionCode) {
        Instant now = Instant.now();
        Jwt jwt = Jwt.withTokenValue("prefill-" + regionCode)
                .header("alg", "none")
                .subject(subject(regionCode))
                .claim(CurrentActor.ROLES_CLAIM, List.of(Role.CHAMBER_CLERK.name()))
                .claim(CurrentActor.REGION_CLAIM, regionCode)
                .issuedAt(now)
                .expiresAt(now.plusSeconds(7 * 24 * 3600))
                .build();
        return new SecurityContextImpl(converter.convert(jwt));
    }
}
