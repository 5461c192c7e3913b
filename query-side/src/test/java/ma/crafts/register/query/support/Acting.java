package ma.crafts.register.query.support;

import java.util.List;
import ma.crafts.register.platform.security.CurrentActor;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** Puts a caller with one role (and a region, for a clerk) in the security context, as a verified token would. */
public final class Acting {

    private Acting() {
    }

    public static void as(String subject, String role, String region) {
        Jwt.Builder jwt = Jwt.withTokenValue("t").header("alg", "none").subject(subject)
                .claim(CurrentActor.ROLES_CLAIM, List.of(role));
        if (region != null) {
            jwt.claim(CurrentActor.REGION_CLAIM, region);
        }
        SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(jwt.build(), List.of()));
    }

    public static void nobody() {
        SecurityContextHolder.clearContext();
    }
}
