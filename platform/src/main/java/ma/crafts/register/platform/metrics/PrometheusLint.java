package ma.crafts.register.platform.metrics;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;

/**
 * Makes {@code /actuator/prometheus} pass {@code promtool check metrics}, which CI runs against a running register
 * (deploy/smoke-test.sh): Axon names its meters in camelCase with the type in the name
 * ({@code eventStore.ingestedCounter}), several libraries give no description (Prometheus' help text), one gauge ends in
 * {@code _count}, which Prometheus reserves for histograms and summaries, and two JVM counters count time in
 * milliseconds or nanoseconds where Prometheus wants seconds.
 *
 * <p>Names change, values do not: {@code eventStore.ingestedCounter} is exported as {@code event_store_ingested_total}.
 * A filter cannot rescale a value, so the two time counters in other units ({@code jvm.compilation.time},
 * {@code process.cpu.time}) are left out; {@code process_cpu_usage} says what the second said. deploy/prometheus and
 * deploy/grafana use the exported names.
 */
public class PrometheusLint implements MeterFilter {
    private static final Pattern CAMEL_HUMP = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])");
    /** Axon's counters end in "Counter"; Prometheus' {@code _total} says it already. */
    private static final Pattern TYPE_IN_NAME = Pattern.compile("(?<=[a-z0-9])Counter$");
    private static final Set<String> TIME_UNITS_NOT_SECONDS = Set.of("ms", "milliseconds", "ns", "nanoseconds");
    /** Gauges whose exported name would end in a suffix Prometheus reserves. */
    private static final Map<String, String> RESERVED_SUFFIXES = Map.of("system.cpu.count", "system.cpu.logical");

    @Override
    public MeterFilterReply accept(Meter.Id id) {
        return id.getBaseUnit() != null && TIME_UNITS_NOT_SECONDS.contains(id.getBaseUnit())
                ? MeterFilterReply.DENY : MeterFilterReply.NEUTRAL;
    }

    @Override
    public Meter.Id map(Meter.Id id) {
        String name = RESERVED_SUFFIXES.getOrDefault(id.getName(), CAMEL_HUMP
                .matcher(TYPE_IN_NAME.matcher(id.getName()).replaceAll("")).replaceAll(".").toLowerCase());
        String description = id.getDescription() == null || id.getDescription().isBlank()
                ? describedByName(id.getName()) : id.getDescription();
        if (name.equals(id.getName()) && description.equals(id.getDescription())) {
            return id;
        }
        return new Meter.Id(name, Tags.of(id.getTagsAsIterable()), id.getBaseUnit(), description, id.getType());
    }

    /** The library gave no description: its own name, in words, is better than none and points at its source. */
    private static String describedByName(String name) {
        return CAMEL_HUMP.matcher(name).replaceAll(" ").replace('.', ' ').replace('_', ' ').replace('-', ' ')
                .toLowerCase() + " (as named by the library that records it)";
    }
}
