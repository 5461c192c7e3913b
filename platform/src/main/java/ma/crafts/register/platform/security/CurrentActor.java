package ma.crafts.register.platform.security;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who is making the current request, as its verified JWT says: {@code sub}, {@code roles} and {@code region}.
 * One instance serves every request: each call reads the security context of the calling thread, so inject it anywhere
 * and call it while handling the request (not from another thread).
 */
public class CurrentActor {
    /** The {@code chamber} of actors with a national remit, i.e. everyone but a chamber clerk. */
    public static final String NATIONAL = "MA";
    public static final String ROLES_CLAIM = "roles";
    public static final String REGION_CLAIM = "region";

    public boolean isAuthenticated() {
        return authentication() != null;
    }

    /**
     * The token's subject.
     *
     * @throws AuthenticationCredentialsNotFoundException (a 401) when the request carries no valid token
     */
    public String subject() {
        Authentication authentication = authentication();
        if (authentication == null) {
            throw new AuthenticationCredentialsNotFoundException("No authenticated actor for this request");
        }
        return authentication.getName();
    }

    /** The register roles granted by the token; unknown role names are ignored. Empty when unauthenticated. */
    public Set<Role> roles() {
        Authentication authentication = authentication();
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (authentication == null) {
            return roles;
        }
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            String name = authority.getAuthority();
            if (name != null && name.startsWith("ROLE_")) {
                Role.parse(name.substring(5)).ifPresent(roles::add);
            }
        }
        Jwt jwt = jwt(authentication);
        if (jwt != null) {
            roles.addAll(rolesClaim(jwt));
        }
        return roles;
    }

    public boolean hasRole(Role role) {
        return roles().contains(role);
    }

    /** The token's {@code region} claim (e.g. {@code MA-07}), or {@code null} when it has none. */
    public String region() {
        Jwt jwt = jwt(authentication());
        if (jwt == null) {
            return null;
        }
        String region = jwt.getClaimAsString(REGION_CLAIM);
        return region == null || region.isBlank() ? null : region.trim();
    }

    /**
     * The chamber the actor acts for, as recorded in event metadata: a clerk's region, or {@link #NATIONAL} for the
     * national roles.
     */
    public String chamber() {
        String region = region();
        return hasRole(Role.CHAMBER_CLERK) && region != null ? region : NATIONAL;
    }

    static Set<Role> rolesClaim(Jwt jwt) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Object claim = jwt.getClaims().get(ROLES_CLAIM);
        if (claim instanceof Collection<?> values) {
            values.forEach(v -> Role.parse(String.valueOf(v)).ifPresent(roles::add));
        } else if (claim instanceof String value) {
            for (String part : value.split("[\\s,]+")) {
                Role.parse(part).ifPresent(roles::add);
            }
        }
        return roles;
    }

    private static Authentication authentication() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            return null;
        }
        return authentication;
    }

    private static Jwt jwt(Authentication authentication) {
        if (authentication == null) {
            return null;
        }
        if (authentication.getPrincipal() instanceof Jwt jwt) {
            return jwt;
        }
        return authentication.getCredentials() instanceof Jwt jwt ? jwt : null;
    }
}
