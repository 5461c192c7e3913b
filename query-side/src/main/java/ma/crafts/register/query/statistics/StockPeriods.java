package ma.crafts.register.query.statistics;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where a cell's changes are kept: one document per month and scope document ({@link CellLayout#scopeDocument}),
 * {@code M|<month>|<scope document>}, whose fields carry the UTC day of the month in front ({@code 07|<scope field>}).
 * A month's changes, or any run of its days, are then one document per scope: an event costs one change document per
 * scope document rather than one for its day and one for its month, and a day of a closed month is read from a
 * snapshot and one document. With the snapshots at the end of closed months they give the stock at the end of any
 * past day ({@link StockAsOf}).
 */
public final class StockPeriods {

    private static final char SEPARATOR = '|';
    private static final int DAY_DIGITS = 2;

    private StockPeriods() {
    }

    /** Some days of one month, from {@code first} to {@code last} (days of the month, both included). */
    public record Days(YearMonth month, int first, int last) {

        public static Days wholeMonth(YearMonth month) {
            return new Days(month, 1, month.lengthOfMonth());
        }

        /** The days of {@code day}'s month up to and including it. */
        public static Days through(LocalDate day) {
            return new Days(YearMonth.from(day), 1, day.getDayOfMonth());
        }

        /** The document that keeps the changes of a scope document in this month. */
        public String document(String scopeDocument) {
            return changeDocument(month, scopeDocument);
        }

        /** Whether a field of this month's change document is a change of one of these days. */
        public boolean includes(String changeField) {
            int day = Integer.parseInt(changeField.substring(0, DAY_DIGITS));
            return day >= first && day <= last;
        }
    }

    /** The document that keeps the changes of a cell document in {@code month}: its scope's, for that family. */
    public static String changeDocument(YearMonth month, String cellDocument) {
        return FlowLayout.monthDocument(month) + SEPARATOR + CellLayout.scopeDocument(cellDocument);
    }

    /** A change on {@code day} of a scope document's field, in its month's change document. */
    public static String changeField(LocalDate day, String scopeField) {
        return String.format(Locale.ROOT, "%02d", day.getDayOfMonth()) + SEPARATOR + scopeField;
    }

    /** The scope document's field a change field stands for. */
    public static String scopeFieldOf(String changeField) {
        return changeField.substring(DAY_DIGITS + 1);
    }

    /** Every day after {@code asOf} up to and including {@code today}, by month. */
    public static List<Days> after(LocalDate asOf, LocalDate today) {
        List<Days> periods = new ArrayList<>();
        YearMonth month = YearMonth.from(asOf);
        if (asOf.getDayOfMonth() < month.lengthOfMonth()) {
            periods.add(new Days(month, asOf.getDayOfMonth() + 1, month.lengthOfMonth()));
        }
        for (YearMonth later = month.plusMonths(1); !later.isAfter(YearMonth.from(today)); later = later.plusMonths(1)) {
            periods.add(Days.wholeMonth(later));
        }
        return periods;
    }
}
