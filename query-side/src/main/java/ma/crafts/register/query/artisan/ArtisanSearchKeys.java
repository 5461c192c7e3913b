package ma.crafts.register.query.artisan;

import java.util.LinkedHashSet;
import java.util.Set;
import ma.crafts.register.values.ArtisanStatus;

/**
 * Names the search buckets an artisan belongs to. A bucket key is {@code region|province|branch|status} where any
 * part may be the wildcard {@code *}; a province is only ever named together with its region, so each artisan sits in
 * 12 buckets (3 territory levels x branch or any x status or any) and every search filter maps to exactly one bucket.
 */
public final class ArtisanSearchKeys {

    public static final String ANY = "*";

    private ArtisanSearchKeys() {
    }

    public static String key(String regionCode, String provinceCode, String branchCode, ArtisanStatus status) {
        return part(regionCode) + "|" + part(provinceCode) + "|" + part(branchCode) + "|"
                + (status == null ? ANY : status.name());
    }

    /** The buckets of one artisan state; empty for no state, so a new artisan moves from no bucket into its 12. */
    public static Set<String> keysOf(ArtisanState state) {
        Set<String> keys = new LinkedHashSet<>();
        if (state == null) {
            return keys;
        }
        String[][] territories = {
                {null, null},
                {state.regionCode(), null},
                {state.regionCode(), state.provinceCode()}};
        String[] branches = {null, state.branchCode()};
        ArtisanStatus[] statuses = {null, state.status()};
        for (String[] territory : territories) {
            for (String branch : branches) {
                for (ArtisanStatus status : statuses) {
                    keys.add(key(territory[0], territory[1], branch, status));
                }
            }
        }
        return keys;
    }

    private static String part(String value) {
        return value == null || value.isBlank() ? ANY : value;
    }
}
