package ma.crafts.register.query.statistics;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
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
        Map<String, String> documents = new LinkedHashMap<>();
        if (interval == Interval.DAY) {
            for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
                documents.put(FlowLayout.dayDocument(day), day.toString());
            }
        } else {
            for (YearMonth month = YearMonth.from(from); !month.isAfter(YearMonth.from(to)); month = month.plusMonths(1)) {
                documents.put(FlowLayout.monthDocument(month), month.toString());
            }
        }
        Map<Map<String, String>, Map<String, Long>> series = new TreeMap<>(Comparator.comparing(Object::toString));
        store.flows(documents.keySet()).forEach((id, fields) -> fields.forEach((field, count) -> {
            String stored = FlowLayout.measureOf(field);
            if (measure.storedAs().contains(stored)) {
                keyOf(request, measure, stored, FlowLayout.decode(field, codes::regionOf, codes::categoryOf))
                        .ifPresent(key -> series.computeIfAbsent(key, k -> new LinkedHashMap<>())
                                .merge(documents.get(id), count, Long::sum));
            }
        }));
        if (series.isEmpty() && request.groupBy().isEmpty()) {
            for (String stored : measure.storedAs()) {
                series.put(directionKey(measure, stored), new LinkedHashMap<>());
            }
        }
        List<FlowStatistics.Series> result = new ArrayList<>();
        series.forEach((key, counts) -> {
            List<FlowStatistics.Point> points = new ArrayList<>(documents.size());
            documents.values().forEach(period -> points.add(new FlowStatistics.Point(period,
                    counts.getOrDefault(period, 0L))));
            result.add(new FlowStatistics.Series(key, points));
        });
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
