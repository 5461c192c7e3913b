package ma.crafts.register.command.imports;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a file imports; named in the API as the lower-case plural ({@code artisans}). */
public enum ImportKind {
    ARTISANS, COOPERATIVES, ENTERPRISES, CARDS, MEMBERSHIPS;

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ImportKind> parse(String apiName) {
        return Arrays.stream(values()).filter(kind -> kind.apiName().equals(apiName)).findFirst();
    }
}
