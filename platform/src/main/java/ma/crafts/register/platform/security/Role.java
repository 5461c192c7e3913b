package ma.crafts.register.platform.security;

import java.util.Arrays;
import java.util.Optional;

/** The register's roles, carried in the token's {@code roles} claim. */
public enum Role {
    /** Writes and reads artisans, cards and memberships of its own region only. */
    CHAMBER_CLERK,
    /** Reads views, statistics and eligibility nationwide, with personal data masked. */
    MINISTRY_ANALYST,
    /** Reads everything, including full history with personal data; never writes. */
    AUDITOR,
    /** Manages reference data, professional bodies, benefit programmes and projection rebuilds. */
    REGISTRY_ADMIN;

    /** The Spring Security authority for this role, as {@code hasRole(...)} expects it. */
    public String authority() {
        return "ROLE_" + name();
    }

    public static Optional<Role> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String trimmed = value.trim();
        return Arrays.stream(values()).filter(r -> r.name().equals(trimmed)).findFirst();
    }
}
