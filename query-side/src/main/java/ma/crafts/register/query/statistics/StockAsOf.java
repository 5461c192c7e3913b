package ma.crafts.register.query.statistics;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ma.crafts.register.query.statistics.mongo.StatisticsStore;

/**
 * The counts of cell documents at the end of a day (docs/adr/0007 §5). A month is <b>closed</b> once every writer has
 * counted events from the second day of the next month on: no change of it can come any more (a writer's events come
 * in the order they were recorded, give or take a late commit of seconds). A day of a closed month is read from the
 * nearer of the month's two bounding snapshots and the daily deltas between: one snapshot and at most 16 days. The
 * snapshot at the end of a closed month is the previous one plus the month's delta, both of which no longer change; it
 * is made by the first read that needs it, from the nearest earlier one kept, and kept. A day of a month not closed
 * yet is the current count minus the changes after it: at most a month of days and the month after.
 */
public class StockAsOf {

    private final StatisticsStore store;

    public StockAsOf(StatisticsStore store) {
        this.store = store;
    }

    /** The counts (cell document to field to count) of {@code documents} at the end of {@code day}. */
    public Map<String, Map<String, Long>> at(LocalDate day, LocalDate today, List<String> documents) {
        if (!day.isBefore(today)) {
            return store.cells(documents);
        }
        YearMonth month = YearMonth.from(day);
        Optional<LocalDate> countedThrough = store.countedThrough();
        boolean closed = month.isBefore(YearMonth.from(today)) && countedThrough
                .filter(through -> through.isAfter(month.plusMonths(1).atDay(1))).isPresent();
        if (!closed) {
            return combined(store.cells(documents), -1, StockPeriods.after(day, today), documents);
        }
        int daysAfter = month.lengthOfMonth() - day.getDayOfMonth();
        if (daysAfter <= day.getDayOfMonth()) {
            return combined(snapshots(month, documents), -1, StockPeriods.days(day.plusDays(1), month.atEndOfMonth()),
                    documents);
        }
        return combined(snapshots(month.minusMonths(1), documents), 1, StockPeriods.days(month.atDay(1), day),
                documents);
    }

    /** {@code base} with the deltas of {@code periods} added ({@code sign} 1) or taken away (-1). */
    private Map<String, Map<String, Long>> combined(Map<String, Map<String, Long>> base, int sign,
                                                    List<String> periods, List<String> documents) {
        Map<String, String> cellOfDelta = new HashMap<>();
        for (String period : periods) {
            documents.forEach(document -> cellOfDelta.put(StockPeriods.deltaDocument(period, document), document));
        }
        Map<String, Map<String, Long>> counts = copy(base);
        store.stockDeltas(cellOfDelta.keySet()).forEach((id, fields) -> {
            Map<String, Long> cell = counts.computeIfAbsent(cellOfDelta.get(id), c -> new HashMap<>());
            fields.forEach((field, change) -> cell.merge(field, sign * change, Long::sum));
        });
        return counts;
    }

    /** The counts of {@code documents} at the end of the closed {@code month}, made and kept where missing. */
    private Map<String, Map<String, Long>> snapshots(YearMonth month, List<String> documents) {
        Optional<YearMonth> first = store.firstDay().map(YearMonth::from);
        if (first.isEmpty() || month.isBefore(first.get())) {
            return new HashMap<>();
        }
        String period = FlowLayout.monthDocument(month);
        Map<String, String> cellOfSnapshot = new LinkedHashMap<>();
        documents.forEach(document -> cellOfSnapshot.put(StockPeriods.deltaDocument(period, document), document));
        Map<String, Map<String, Long>> kept = store.stockSnapshots(cellOfSnapshot.keySet());
        Map<String, Map<String, Long>> counts = new HashMap<>();
        List<String> missing = new ArrayList<>();
        cellOfSnapshot.forEach((id, document) -> {
            if (kept.containsKey(id)) {
                counts.put(document, kept.get(id));
            } else {
                missing.add(document);
            }
        });
        if (missing.isEmpty()) {
            return counts;
        }
        Map<String, Map<String, Long>> made = combined(snapshots(month.minusMonths(1), missing), 1, List.of(period),
                missing);
        Map<String, Map<String, Long>> toKeep = new HashMap<>();
        for (String document : missing) {
            Map<String, Long> cell = new HashMap<>(made.getOrDefault(document, Map.of()));
            cell.values().removeIf(count -> count == 0);
            toKeep.put(StockPeriods.deltaDocument(period, document), cell);
            counts.put(document, cell);
        }
        store.saveStockSnapshots(toKeep);
        return counts;
    }

    private static Map<String, Map<String, Long>> copy(Map<String, Map<String, Long>> counts) {
        Map<String, Map<String, Long>> copy = new HashMap<>();
        counts.forEach((document, fields) -> copy.put(document, new HashMap<>(fields)));
        return copy;
    }
}
