package ma.crafts.register.query.statistics;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * The periods a cell's changes are kept by: each UTC day and each month. With the snapshots at the end of closed
 * months they give the stock at the end of any past day ({@link StockAsOf}).
 */
public final class StockPeriods {

    private StockPeriods() {
    }

    /** The day and the month a change of {@code day} is kept in. */
    public static List<String> documentsOf(LocalDate day) {
        return List.of(FlowLayout.dayDocument(day), FlowLayout.monthDocument(YearMonth.from(day)));
    }

    /** The document that keeps the changes of a cell document in a period: its scope's, for that family. */
    public static String deltaDocument(String period, String cellDocument) {
        return period + "|" + CellLayout.scopeDocument(cellDocument);
    }

    /** The days from {@code first} to {@code last}, both included. */
    public static List<String> days(LocalDate first, LocalDate last) {
        List<String> days = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            days.add(FlowLayout.dayDocument(day));
        }
        return days;
    }

    /** The periods that together cover every day after {@code asOf} up to and including {@code today}. */
    public static List<String> after(LocalDate asOf, LocalDate today) {
        List<String> periods = new ArrayList<>();
        YearMonth month = YearMonth.from(asOf);
        for (LocalDate day = asOf.plusDays(1); !day.isAfter(month.atEndOfMonth()) && !day.isAfter(today);
             day = day.plusDays(1)) {
            periods.add(FlowLayout.dayDocument(day));
        }
        for (YearMonth later = month.plusMonths(1); !later.isAfter(YearMonth.from(today)); later = later.plusMonths(1)) {
            periods.add(FlowLayout.monthDocument(later));
        }
        return periods;
    }
}
