package ma.crafts.register.query.statistics;

import java.util.List;
import ma.crafts.register.query.CountGroup;

/**
 * {@code GET /api/v1/statistics/actors}: the counts per group (the key holds each {@code groupBy} dimension's value),
 * their total and the highest store position counted.
 */
public record ActorStatistics(List<CountGroup> groups, long total, long position) {
}
