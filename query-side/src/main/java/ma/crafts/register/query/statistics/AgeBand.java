package ma.crafts.register.query.statistics;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/**
 * Age bands at a reference day. Cells keep the birth month, not the band, so that the band follows the reference day
 * (today, or {@code asOf}) without any cell moving as people grow older. The age is counted from the first day of the
 * birth month, so it may be one month ahead of the exact age: the cells do not keep the day.
 */
public final class AgeBand {

    public static final String UNKNOWN = "UNKNOWN";

    /** Lower bounds of the bands, in years; each band runs to the next bound. */
    private static final int[] BOUNDS = {0, 25, 35, 45, 55, 65};

    public static final List<String> NAMES = List.of("0-24", "25-34", "35-44", "45-54", "55-64", "65+", UNKNOWN);

    private AgeBand() {
    }

    /** The band of someone born in {@code birthMonth} on {@code day}; {@link #UNKNOWN} without a birth month. */
    public static String of(YearMonth birthMonth, LocalDate day) {
        if (birthMonth == null) {
            return UNKNOWN;
        }
        int age = java.time.Period.between(birthMonth.atDay(1), day).getYears();
        for (int i = BOUNDS.length - 1; i >= 0; i--) {
            if (age >= BOUNDS[i]) {
                return NAMES.get(i);
            }
        }
        return NAMES.get(0);
    }
}
