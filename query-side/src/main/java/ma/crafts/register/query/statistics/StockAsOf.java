package ma.crafts.register.query.statistics;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import ma.crafts.register.query.statistics.mongo.StatisticsStore;

/**
 * The counts of cell documents at the end of a day (docs/adr/0007 §5). Changes and snapshots are kept per scope and
 * family ({@link CellLayout#scopeDocument}), so a period costs one document per scope read, whatever the branches;
 * a summary document's changes are its scope's main changes without the trade ({@link CellLayout#changesDocument}).
 * A month is <b>closed</b> once every writer has counted events from the second day of the next month on: no change of
 * it can come any more (a writer's events come in the order they were recorded, give or take a late commit of
 * seconds). A day of a closed month is read from the nearer of the month's two bounding snapshots and the daily deltas
 * between: one snapshot and at most 16 days. The snapshot at the end of a closed month is the previous one plus the
 * month's changes, neither of which changes any more; the first read that needs it makes it from the nearest earlier
 * one kept, and keeps it. A day of a month not closed yet is the current count minus the changes after it: at most a
 * month of days and the month after.
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
        Set<String> scopes = new LinkedHashSet<>();
        documents.forEach(document -> scopes.add(CellLayout.scopeDocument(document)));
        YearMonth month = YearMonth.from(day);
        boolean closed = month.isBefore(YearMonth.from(today)) && store.countedThrough()
                .filter(through -> through.isAfter(month.plusMonths(1).atDay(1))).isPresent();
        Map<String, Map<String, Long>> stock;
        if (!closed) {
            stock = combined(byScope(store.cells(documents)), -1, StockPeriods.after(day, today), scopes);
        } else if (month.lengthOfMonth() - day.getDayOfMonth() <= day.getDayOfMonth()) {
            stock = combined(snapshots(month, scopes), -1, StockPeriods.days(day.plusDays(1), month.atEndOfMonth()),
                    scopes);
        } else {
            stock = combined(snapshots(month.minusMonths(1), scopes), 1, StockPeriods.days(month.atDay(1), day),
                    scopes);
        }
        return byCell(stock, Set.copyOf(documents));
    }

    /** {@code base} (by scope document) with the changes of {@code periods} added ({@code sign} 1) or taken away. */
    private Map<String, Map<String, Long>> combined(Map<String, Map<String, Long>> base, int sign,
                                                    List<String> periods, Set<String> scopes) {
        Map<String, List<String>> scopesOfChanges = new HashMap<>();
        for (String period : periods) {
            for (String scope : scopes) {
                scopesOfChanges.computeIfAbsent(StockPeriods.deltaDocument(period, CellLayout.changesDocument(scope)),
                        changes -> new ArrayList<>()).add(scope);
            }
        }
        Map<String, Map<String, Long>> counts = new HashMap<>();
        base.forEach((scope, fields) -> counts.put(scope, new HashMap<>(fields)));
        store.stockDeltas(scopesOfChanges.keySet()).forEach((id, fields) -> {
            for (String scope : scopesOfChanges.get(id)) {
                Map<String, Long> counted = counts.computeIfAbsent(scope, s -> new HashMap<>());
                fields.forEach((field, change) ->
                        counted.merge(CellLayout.changedField(scope, field), sign * change, Long::sum));
            }
        });
        return counts;
    }

    /** The counts of {@code scopes} at the end of the closed {@code month}, made and kept where missing. */
    private Map<String, Map<String, Long>> snapshots(YearMonth month, Set<String> scopes) {
        Optional<YearMonth> first = store.firstDay().map(YearMonth::from);
        if (first.isEmpty() || month.isBefore(first.get())) {
            return new HashMap<>();
        }
        String period = FlowLayout.monthDocument(month);
        Map<String, String> scopeOfSnapshot = new LinkedHashMap<>();
        scopes.forEach(scope -> scopeOfSnapshot.put(StockPeriods.deltaDocument(period, scope), scope));
        Map<String, Map<String, Long>> kept = store.stockSnapshots(scopeOfSnapshot.keySet());
        Map<String, Map<String, Long>> counts = new HashMap<>();
        Set<String> missing = new LinkedHashSet<>();
        scopeOfSnapshot.forEach((id, scope) -> {
            if (kept.containsKey(id)) {
                counts.put(scope, kept.get(id));
            } else {
                missing.add(scope);
            }
        });
        if (missing.isEmpty()) {
            return counts;
        }
        Map<String, Map<String, Long>> made = combined(snapshots(month.minusMonths(1), missing), 1, List.of(period),
                missing);
        Map<String, Map<String, Long>> toKeep = new HashMap<>();
        for (String scope : missing) {
            Map<String, Long> snapshot = new HashMap<>(made.getOrDefault(scope, Map.of()));
            snapshot.values().removeIf(count -> count == 0);
            toKeep.put(StockPeriods.deltaDocument(period, scope), snapshot);
            counts.put(scope, snapshot);
        }
        store.saveStockSnapshots(toKeep);
        return counts;
    }

    private static Map<String, Map<String, Long>> byScope(Map<String, Map<String, Long>> cells) {
        Map<String, Map<String, Long>> scopes = new HashMap<>();
        cells.forEach((document, fields) -> {
            Map<String, Long> scope = scopes.computeIfAbsent(CellLayout.scopeDocument(document), s -> new HashMap<>());
            fields.forEach((field, count) -> scope.put(CellLayout.scopeField(document, field), count));
        });
        return scopes;
    }

    /** The counts of the cell documents asked for, out of counts by scope document. */
    private static Map<String, Map<String, Long>> byCell(Map<String, Map<String, Long>> scopes, Set<String> documents) {
        Map<String, Map<String, Long>> cells = new HashMap<>();
        scopes.forEach((scope, fields) -> fields.forEach((field, count) -> {
            CellLayout.Cell cell = CellLayout.cellOf(scope, field);
            if (documents.contains(cell.documentId())) {
                cells.computeIfAbsent(cell.documentId(), d -> new HashMap<>()).put(cell.field(), count);
            }
        }));
        return cells;
    }
}
