package ma.crafts.register.bench;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * Counts the commands the driver sends to the server, by command name, so that each measurement can say how many round
 * trips one operation costs (a find, an insert, a findAndModify...). Administrative commands are left out.
 */
final class RoundTrips implements CommandListener {
    private static final java.util.Set<String> COUNTED = java.util.Set.of("find", "getMore", "insert", "update", "delete",
            "findAndModify", "count", "aggregate");

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    @Override
    public void commandStarted(CommandStartedEvent event) {
        if (COUNTED.contains(event.getCommandName())) {
            counts.computeIfAbsent(event.getCommandName(), name -> new LongAdder()).increment();
        }
    }

    Snapshot snapshot() {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((name, count) -> copy.put(name, count.sum()));
        return new Snapshot(copy);
    }

    record Snapshot(Map<String, Long> counts) {
        /** Commands sent since {@code before}, per operation. */
        PerOperation since(Snapshot before, long operations) {
            Map<String, Double> per = new TreeMap<>();
            counts.forEach((name, count) -> {
                long sent = count - before.counts.getOrDefault(name, 0L);
                if (sent > 0 && operations > 0) {
                    per.put(name, (double) sent / operations);
                }
            });
            return new PerOperation(per);
        }
    }

    record PerOperation(Map<String, Double> perOperation) {
        static final PerOperation NONE = new PerOperation(Map.of());

        @Override
        public String toString() {
            if (perOperation.isEmpty()) {
                return "-";
            }
            return perOperation.entrySet().stream()
                    .map(e -> String.format(Locale.ROOT, "%s %s", e.getKey(), format(e.getValue())))
                    .collect(Collectors.joining(", "));
        }

        private static String format(double value) {
            return value >= 0.1 ? String.format(Locale.ROOT, "%.2f", value) : String.format(Locale.ROOT, "%.4f", value);
        }
    }
}
