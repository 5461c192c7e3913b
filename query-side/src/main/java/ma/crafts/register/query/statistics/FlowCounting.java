package ma.crafts.register.query.statistics;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ma.crafts.register.errors.InvalidInputException;
import ma.crafts.register.query.reference.ReferenceCatalog;
import ma.crafts.register.query.statistics.mongo.StatisticsStore;

/** Reads flow series: one document per period, by {@code _id}, fields added up into the request's groups. */
public class FlowCounting {

    /** The granularity of a series. */
    public enum Interval { DAY, MONTH }

    private final StatisticsStore store;
    private final CodeLookups codes;

    public FlowCounting(StatisticsStore store, ReferenceCatalog catalog) {
        this.store = store;
        this.codes = new CodeLookups(catalog);
    }

    /** The series of {@code measure} over the periods from {@code from} to {@code to}, both included. */
    public FlowStatistics series(FlowMeasure measure, Interval interval, LocalDate from, LocalDate to,
                                 StatisticsRequest request) {
        for (Dimension dimension : request.dimensions()) {
            if (!FlowLayout.DIMENSIONS.contains(dimension)) {
                throw new InvalidInputException(dimension.apiName(), "flows are counted by regionCode, provinceCode, "
                        + "categoryCode, branchCode, actorKind and gender only");
            }
        }
        long position = store.position();
        List<String> periods = new ArrayList<>();
        Map<String, String> labels = new LinkedHashMap<>();
        if (interval == Interval.DAY) {
            for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
                periods.add(FlowLayout.dayDocument(day));
                labels.put(FlowLayout.dayDocument(day), day.toString());
            }
        } else {
            for (YearMonth month = YearMonth.from(from); !month.isAfter(YearMonth.from(to)); month = month.plusMonths(1)) {
                periods.add(FlowLayout.monthDocument(month));
                labels.put(FlowLayout.monthDocument(month), month.toString());
            }
        }
        Map<String, String> periodOf = new HashMap<>();
        Map<String, String> measureOf = new HashMap<>();
        for (String stored : measure.storedAs()) {
            for (String period : periods) {
                String document = FlowLayout.measureDocument(period, stored);
                periodOf.put(document, labels.get(period));
                measureOf.put(document, stored);
            }
        }
        Map<Map<String, String>, Map<String, Long>> series = new HashMap<>();
        // The same fields come back period after period: each is decoded and matched once, per stored measure, to
        // the counts of its series (absent for a field the filters leave out).
        Map<String, Map<String, Optional<Map<String, Long>>>> countsOfField = new HashMap<>();
        store.flows(periodOf.keySet()).forEach((id, fields) -> {
            String stored = measureOf.get(id);
            String period = periodOf.get(id);
            Map<String, Optional<Map<String, Long>>> ofMeasure = countsOfField.computeIfAbsent(stored,
                    s -> new HashMap<>());
            fields.forEach((field, count) -> ofMeasure.computeIfAbsent(field, f -> keyOf(request, measure, stored,
                            FlowLayout.decode(f, codes::regionOf, codes::categoryOf))
                            .map(key -> series.computeIfAbsent(key, k -> new HashMap<>())))
                    .ifPresent(counts -> counts.merge(period, count, Long::sum)));
        });
        if (series.isEmpty() && request.groupBy().isEmpty()) {
            for (String stored : measure.storedAs()) {
                series.put(directionKey(measure, stored), new LinkedHashMap<>());
            }
        }
        List<FlowStatistics.Series> result = new ArrayList<>();
        List<Map.Entry<Map<String, String>, Map<String, Long>>> sorted = new ArrayList<>(series.entrySet());
        // Sorted once at the end: a sorted map compared its keys' texts at every one of the many additions.
        sorted.sort(Map.Entry.comparingByKey(Comparator.comparing(Object::toString)));
        for (Map.Entry<Map<String, String>, Map<String, Long>> entry : sorted) {
            List<FlowStatistics.Point> points = new ArrayList<>(labels.size());
            labels.values().forEach(period -> points.add(new FlowStatistics.Point(period,
                    entry.getValue().getOrDefault(period, 0L))));
            result.add(new FlowStatistics.Series(entry.getKey(), points));
        }
        return new FlowStatistics(result, position);
    }

    private static Optional<Map<String, String>> keyOf(StatisticsRequest request, FlowMeasure measure, String stored,
                                                      Map<Dimension, String> values) {
        for (Map.Entry<Dimension, String> filter : request.filters().entrySet()) {
            if (!filter.getValue().equals(values.get(filter.getKey()))) {
                return Optional.empty();
            }
        }
        Map<String, String> key = new LinkedHashMap<>();
        for (Dimension dimension : request.groupBy()) {
            key.put(dimension.apiName(), values.getOrDefault(dimension, ActorProfile.NONE));
        }
        key.putAll(directionKey(measure, stored));
        return Optional.of(key);
    }

    /** A relocation's series say which way it went; other measures have one direction. */
    private static Map<String, String> directionKey(FlowMeasure measure, String stored) {
        if (measure != FlowMeasure.RELOCATIONS) {
            return Map.of();
        }
        return Map.of(FlowMeasure.DIRECTION, FlowMeasure.IN.equals(stored) ? "in" : "out");
    }
}
