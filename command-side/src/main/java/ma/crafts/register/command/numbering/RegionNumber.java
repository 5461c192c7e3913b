package ma.crafts.register.command.numbering;

/** Region codes {@code MA-01}…{@code MA-12} appear in identifiers as their two digits. */
public final class RegionNumber {
    private RegionNumber() {
    }

    public static String of(String regionCode) {
        if (regionCode == null || !regionCode.matches("MA-\\d{2}")) {
            throw new IllegalArgumentException("not a region code: " + regionCode);
        }
        return regionCode.substring(3);
    }

    public static String regionCode(String twoDigits) {
        return "MA-" + twoDigits;
    }
}
