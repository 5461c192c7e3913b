package ma.crafts.register.platform.security;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import ma.crafts.register.errors.ForbiddenException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;

/**
 * The register's access rules in one place. Every {@code require…} method returns normally or throws: a
 * {@link ForbiddenException} (403) when the actor may not, or {@link AuthenticationCredentialsNotFoundException} (401)
 * when there is no actor at all.
 */
public class AccessPolicy {
    private final CurrentActor actor;

    public AccessPolicy(CurrentActor actor) {
        this.actor = actor;
    }

    public void requireAnyRole(Role... roles) {
        requireAuthenticated();
        Set<Role> held = actor.roles();
        if (Arrays.stream(roles).noneMatch(held::contains)) {
            throw new ForbiddenException("This request needs one of the roles "
                    + Arrays.stream(roles).map(Role::name).collect(Collectors.joining(", ")));
        }
    }

    /**
     * Writing artisans, cards and memberships is the chambers' job, each in its own region: passes only for a
     * {@link Role#CHAMBER_CLERK} whose {@code region} claim equals {@code regionCode}.
     */
    public void requireWriteAccessToRegion(String regionCode) {
        requireAnyRole(Role.CHAMBER_CLERK);
        String own = actor.region();
        if (own == null) {
            throw new ForbiddenException("Your token names no region, so you cannot write for any chamber");
        }
        if (!own.equals(regionCode)) {
            throw new ForbiddenException("A clerk of " + own + " cannot write records of region " + regionCode);
        }
    }

    /**
     * Reading artisans, cards and memberships: nationwide for {@link Role#MINISTRY_ANALYST} and {@link Role#AUDITOR},
     * own region only for a {@link Role#CHAMBER_CLERK}.
     */
    public void requireReadAccessToRegion(String regionCode) {
        requireAnyRole(Role.CHAMBER_CLERK, Role.MINISTRY_ANALYST, Role.AUDITOR);
        if (actor.hasRole(Role.MINISTRY_ANALYST) || actor.hasRole(Role.AUDITOR)) {
            return;
        }
        String own = actor.region();
        if (own == null || !own.equals(regionCode)) {
            throw new ForbiddenException("A clerk of " + (own == null ? "no region" : own)
                    + " cannot read records of region " + regionCode);
        }
    }

    /** Only auditors see personal data in clear; everyone else gets it masked. */
    public boolean canSeePersonalData() {
        return actor.hasRole(Role.AUDITOR);
    }

    private void requireAuthenticated() {
        if (!actor.isAuthenticated()) {
            throw new AuthenticationCredentialsNotFoundException("This request needs a bearer token");
        }
    }
}
