package ma.crafts.register.query.statistics;

import ma.crafts.register.query.CountGroup;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The statistics as CSV: UTF-8 with a byte order mark (so that Excel reads Arabic names right), comma separated,
 * fields quoted where RFC 4180 asks.
 */
public final class StatisticsCsv {

    private static final String BOM = "\uFEFF";

    private StatisticsCsv() {
    }

    public static byte[] actors(ActorStatistics statistics, List<Dimension> groupBy) {
        StringBuilder csv = new StringBuilder(BOM);
        groupBy.forEach(dimension -> csv.append(quoted(dimension.apiName())).append(','));
        csv.append("count\r\n");
        for (CountGroup group : statistics.groups()) {
            groupBy.forEach(dimension -> csv.append(quoted(group.key().get(dimension.apiName()))).append(','));
            csv.append(group.count()).append("\r\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] flows(FlowStatistics statistics) {
        StringBuilder csv = new StringBuilder(BOM);
        List<String> keys = statistics.series().isEmpty() ? List.of()
                : List.copyOf(statistics.series().get(0).key().keySet());
        keys.forEach(key -> csv.append(quoted(key)).append(','));
        csv.append("period,count\r\n");
        for (FlowStatistics.Series series : statistics.series()) {
            for (FlowStatistics.Point point : series.points()) {
                keys.forEach(key -> csv.append(quoted(series.key().get(key))).append(','));
                csv.append(point.period()).append(',').append(point.count()).append("\r\n");
            }
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Rows of values already rendered, under a first line of notes. */
    public static byte[] table(String note, List<String> header, List<List<String>> rows) {
        StringBuilder csv = new StringBuilder(BOM);
        csv.append("# ").append(note).append("\r\n");
        csv.append(String.join(",", header.stream().map(StatisticsCsv::quoted).toList())).append("\r\n");
        for (List<String> row : rows) {
            csv.append(String.join(",", row.stream().map(StatisticsCsv::quoted).toList())).append("\r\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    static String quoted(String value) {
        if (value == null) {
            return "";
        }
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }
}
