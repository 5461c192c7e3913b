package ma.crafts.register.command.imports;

import java.util.List;
import ma.crafts.register.platform.security.CurrentActor;
import ma.crafts.register.platform.security.Role;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who a job's rows act as: the caller who started the job (its {@code recordedBy}), as a chamber clerk of the row's
 * region. The job's access was decided when it was started (a clerk its own region, the administrator any); each row
 * then goes through the register's rules exactly as a clerk's request would, on a worker thread that has no request.
 */
final class RowActor {
    private RowActor() {
    }

    static SecurityContext clerkOf(String subject, String regionCode) {
        Jwt.Builder token = Jwt.withTokenValue("import-job").header("alg", "none").subject(subject)
                .claim(CurrentActor.ROLES_CLAIM, List.of(Role.CHAMBER_CLERK.name()));
        if (regionCode != null) {
            token.claim(CurrentActor.REGION_CLAIM, regionCode);
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new JwtAuthenticationToken(token.build(),
                List.of(new SimpleGrantedAuthority("ROLE_" + Role.CHAMBER_CLERK.name())), subject));
        return context;
    }
}
