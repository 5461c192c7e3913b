package ma.crafts.register.query.statistics;

import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/statistics/actors}: the counts per group (the key holds each {@code groupBy} dimension's value),
 * their total and the highest store position counted.
 */
public record ActorStatistics(List<Group> groups, long total, long position) {

    public record Group(Map<String, String> key, long count) {
    }
}
