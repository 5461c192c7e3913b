package ma.crafts.register.query.artisan;

import ma.crafts.register.values.ArtisanStatus;

/**
 * Names what the artisan search filters on. A search key is {@code region|province|branch|status} where any part may
 * be the wildcard {@code *}; an artisan's {@link Placement} is the four values the filters look at, and a key
 * {@link Filter#matches matches} a placement when every part it names is equal.
 */
public final class ArtisanSearchKeys {

    public static final String ANY = "*";

    private ArtisanSearchKeys() {
    }

    public static String key(String regionCode, String provinceCode, String branchCode, ArtisanStatus status) {
        return part(regionCode) + "|" + part(provinceCode) + "|" + part(branchCode) + "|"
                + (status == null ? ANY : status.name());
    }

    /** Where a state sits in the search index; null for no state (not indexed). */
    public static Placement placementOf(ArtisanState state) {
        if (state == null) {
            return null;
        }
        return new Placement(blankToNull(state.regionCode()), blankToNull(state.provinceCode()),
                blankToNull(state.branchCode()), state.status().name());
    }

    /**
     * The values of an artisan the search filters look at. A null part is matched by the wildcard only.
     *
     * @param status an {@link ArtisanStatus} name
     */
    public record Placement(String regionCode, String provinceCode, String branchCode, String status) {
    }

    /**
     * A parsed search key; null parts are wildcards. The territory of a filter is its most specific part: a province
     * is matched on its own code (a province lies in exactly one region).
     */
    public record Filter(String regionCode, String provinceCode, String branchCode, String status) {

        public static Filter parse(String key) {
            String[] parts = key.split("\\|", -1);
            if (parts.length != 4) {
                throw new IllegalArgumentException("A search key has four parts region|province|branch|status: " + key);
            }
            return new Filter(wildcardToNull(parts[0]), wildcardToNull(parts[1]), wildcardToNull(parts[2]),
                    wildcardToNull(parts[3]));
        }

        /** The province, else the region, else {@link #ANY}. */
        public String territory() {
            return provinceCode != null ? provinceCode : regionCode != null ? regionCode : ANY;
        }

        public boolean matches(Placement placement) {
            if (provinceCode != null) {
                if (!provinceCode.equals(placement.provinceCode())) {
                    return false;
                }
            } else if (regionCode != null && !regionCode.equals(placement.regionCode())) {
                return false;
            }
            return (branchCode == null || branchCode.equals(placement.branchCode()))
                    && (status == null || status.equals(placement.status()));
        }
    }

    private static String part(String value) {
        return value == null || value.isBlank() ? ANY : value;
    }

    private static String wildcardToNull(String value) {
        return value.isEmpty() || value.equals(ANY) ? null : value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
