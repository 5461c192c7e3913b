package ma.crafts.register.query;

import ma.crafts.register.errors.ForbiddenException;
import ma.crafts.register.platform.security.CurrentActor;
import ma.crafts.register.platform.security.Role;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;

/**
 * Who may read which artisan, and how much of its personal data they see. Auditors read everything; a chamber clerk
 * reads the artisans currently in its own region; a ministry analyst reads nationwide with personal data masked. A
 * registry administrator keeps the reference data, bodies and programmes and reads no artisan: the contract gives the
 * role nothing more, and data protection (Law 09-08) asks that nobody see personal data they do not need.
 */
public class ReadAccess {

    /** How personal data is shown to the caller. */
    public enum Disclosure { FULL, MASKED }

    private final CurrentActor actor;

    public ReadAccess(CurrentActor actor) {
        this.actor = actor;
    }

    /**
     * Checks that the caller may read an artisan currently in {@code regionCode} and says how its personal data is
     * shown.
     *
     * @throws ForbiddenException for a clerk of another region or a caller with no reading role
     */
    public Disclosure requireArtisanRead(String regionCode) {
        requireAuthenticated();
        if (actor.hasRole(Role.AUDITOR)) {
            return Disclosure.FULL;
        }
        if (actor.hasRole(Role.CHAMBER_CLERK) && regionCode != null && regionCode.equals(actor.region())) {
            return Disclosure.FULL;
        }
        if (actor.hasRole(Role.MINISTRY_ANALYST)) {
            return Disclosure.MASKED;
        }
        if (actor.hasRole(Role.CHAMBER_CLERK)) {
            String own = actor.region();
            throw new ForbiddenException("A clerk of " + (own == null ? "no region" : own)
                    + " cannot read records of region " + regionCode);
        }
        throw artisanReadersOnly();
    }

    /**
     * How a history shows personal data to a caller whose read was allowed with {@code readDisclosure}. The contract
     * opens personal data in a history to auditors only, so a clerk who sees its own region's names in the view sees
     * them masked in the history: the history also holds what was amended away, which the clerk's work does not need.
     */
    public Disclosure inHistory(Disclosure readDisclosure) {
        return actor.hasRole(Role.AUDITOR) ? readDisclosure : Disclosure.MASKED;
    }

    /**
     * Checks what can be checked before the artisan is read: a token, and a role that reads artisans. A read that
     * waits for {@code ?minPosition} calls this first, so that nobody without the right to the answer holds a thread.
     *
     * @throws ForbiddenException for a caller with no role that reads artisans
     */
    public void requireArtisanReader() {
        requireAuthenticated();
        if (!actor.hasRole(Role.AUDITOR) && !actor.hasRole(Role.MINISTRY_ANALYST) && !actor.hasRole(Role.CHAMBER_CLERK)) {
            throw artisanReadersOnly();
        }
    }

    /**
     * The region a search is confined to: a clerk (without a national role) only ever searches its own region, by
     * default and when asked; national roles may search any region or none.
     *
     * @throws ForbiddenException for a clerk naming another region, or a clerk whose token names no region
     */
    public String searchRegion(String requestedRegion) {
        return confinedRegion(requestedRegion, Role.AUDITOR, Role.MINISTRY_ANALYST);
    }

    /**
     * The region statistics are confined to: ministry analysts, auditors and registry administrators read the whole
     * country or any region; a clerk its own region, by default and when asked, as for a search.
     *
     * @throws ForbiddenException for a clerk naming another region, or a clerk whose token names no region
     */
    public String statisticsRegion(String requestedRegion) {
        return confinedRegion(requestedRegion, Role.AUDITOR, Role.MINISTRY_ANALYST, Role.REGISTRY_ADMIN);
    }

    private String confinedRegion(String requestedRegion, Role... nationalRoles) {
        requireAuthenticated();
        for (Role national : nationalRoles) {
            if (actor.hasRole(national)) {
                return requestedRegion;
            }
        }
        if (!actor.hasRole(Role.CHAMBER_CLERK)) {
            throw artisanReadersOnly();
        }
        String own = actor.region();
        if (own == null) {
            throw new ForbiddenException("Your token names no region, so you cannot read any chamber's records");
        }
        if (requestedRegion != null && !requestedRegion.equals(own)) {
            throw new ForbiddenException("A clerk of " + own + " cannot read records of region " + requestedRegion);
        }
        return own;
    }

    /**
     * Checks that the caller may read the professional bodies of {@code regionCode}: every reading role, and the
     * registry administrators who constitute bodies; a clerk only its own region's. Null stands for a body of no
     * region a clerk could show is its own: a national body, or one nobody constituted. The refusal names neither
     * region nor body, so that a clerk gets the same words for another region's body and for an unknown one.
     *
     * A body holds no personal data, but its history may hold a clerk's free text: shown as an artisan's would be,
     * in clear to auditors only ({@link #inHistory}).
     *
     * @throws ForbiddenException for a clerk of another region (or of none, for a null region), or a caller with no
     *                            role
     */
    public Disclosure requireBodyRead(String regionCode) {
        requireAnyReader();
        if (actor.hasRole(Role.AUDITOR)) {
            return Disclosure.FULL;
        }
        if (actor.hasRole(Role.MINISTRY_ANALYST) || actor.hasRole(Role.REGISTRY_ADMIN)) {
            return Disclosure.MASKED;
        }
        if (regionCode == null || !regionCode.equals(actor.region())) {
            throw new ForbiddenException("A clerk of " + (actor.region() == null ? "no region" : actor.region())
                    + " reads the professional bodies of its own region only");
        }
        return Disclosure.FULL;
    }

    /**
     * Checks that the caller may look artisans up by CIN or NIA at all: auditors, and clerks whose token names a
     * region. Whether a given artisan may be named is {@link #mayLookUp}'s question.
     *
     * @throws ForbiddenException for any other caller
     */
    public void requireLookup() {
        requireAuthenticated();
        if (actor.hasRole(Role.AUDITOR) || (actor.hasRole(Role.CHAMBER_CLERK) && actor.region() != null)) {
            return;
        }
        throw new ForbiddenException("Looking artisans up needs the role AUDITOR, or CHAMBER_CLERK with a region");
    }

    /** Whether a lookup may name an artisan currently in {@code regionCode}: for auditors and that region's clerks. */
    public boolean mayLookUp(String regionCode) {
        return actor.hasRole(Role.AUDITOR)
                || (actor.hasRole(Role.CHAMBER_CLERK) && regionCode != null && regionCode.equals(actor.region()));
    }

    /** Who is calling, for limits kept per caller. */
    public String caller() {
        requireAuthenticated();
        return actor.subject();
    }

    /**
     * Audit trails (the log of personal-data reads) are for auditors alone.
     *
     * @throws ForbiddenException for every other role
     */
    public void requireAuditor() {
        requireAuthenticated();
        if (!actor.hasRole(Role.AUDITOR)) {
            throw new ForbiddenException("This request needs the role AUDITOR");
        }
    }

    /** Reference data is open to every authenticated role. */
    public void requireAnyReader() {
        requireAuthenticated();
        if (actor.roles().isEmpty()) {
            throw new ForbiddenException("This request needs one of the roles CHAMBER_CLERK, MINISTRY_ANALYST, "
                    + "AUDITOR, REGISTRY_ADMIN");
        }
    }

    private static ForbiddenException artisanReadersOnly() {
        return new ForbiddenException("Reading artisans needs one of the roles CHAMBER_CLERK, MINISTRY_ANALYST, AUDITOR");
    }

    private void requireAuthenticated() {
        if (!actor.isAuthenticated()) {
            throw new AuthenticationCredentialsNotFoundException("This request needs a bearer token");
        }
    }
}
