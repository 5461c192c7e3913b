package ma.crafts.register.platform.security;

import java.util.regex.Pattern;

/** The twelve regions (ISO 3166-2:MA {@code MA-01}…{@code MA-12}), each of which has one chamber of crafts. */
final class Regions {
    private static final Pattern REGION = Pattern.compile("MA-(0[1-9]|1[0-2])");

    private Regions() {
    }

    static boolean isRegionCode(String value) {
        return value != null && REGION.matcher(value).matches();
    }
}
