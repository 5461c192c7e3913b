package ma.crafts.register.query.statistics;

import java.util.List;
import java.util.Map;

/** {@code GET /api/v1/statistics/flows}: one series per group, a point per period ({@code YYYY-MM} or {@code YYYY-MM-DD}). */
public record FlowStatistics(List<Series> series, long position) {

    public record Series(Map<String, String> key, List<Point> points) {
    }

    public record Point(String period, long count) {
    }
}
