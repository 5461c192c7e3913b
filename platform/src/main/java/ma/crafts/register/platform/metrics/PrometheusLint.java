package ma.crafts.register.platform.metrics;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;

/**
 * Makes {@code /actuator/prometheus} pass {@code promtool check metrics}, which CI runs against a running register
 * (deploy/smoke-test.sh): Axon names its meters in camelCase ({@code eventStore.ingestedCounter}), several libraries
 * give no description (Prometheus' help text), two JVM meters carry abbreviated units ({@code ms}, {@code ns}) and
 * one gauge ends in {@code _count}, which Prometheus reserves for histograms and summaries.
 *
 * <p>Names change, values do not: {@code eventStore.ingestedCounter} is exported as
 * {@code event_store_ingested_counter_total}. deploy/prometheus and deploy/grafana use the exported names.
 */
public class PrometheusLint implements MeterFilter {
    private static final Pattern CAMEL_HUMP = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])");
    private static final Map<String, String> SPELLED_UNITS = Map.of("ms", "milliseconds", "ns", "nanoseconds");
    /** Gauges whose exported name would end in a suffix Prometheus reserves. */
    private static final Map<String, String> RESERVED_SUFFIXES = Map.of("system.cpu.count", "system.cpu.logical");

    @Override
    public Meter.Id map(Meter.Id id) {
        String name = RESERVED_SUFFIXES.getOrDefault(id.getName(), CAMEL_HUMP.matcher(id.getName()).replaceAll(".")
                .toLowerCase());
        String unit = id.getBaseUnit() == null ? null : SPELLED_UNITS.getOrDefault(id.getBaseUnit(), id.getBaseUnit());
        String description = id.getDescription() == null || id.getDescription().isBlank()
                ? describedByName(id.getName()) : id.getDescription();
        if (name.equals(id.getName()) && Objects.equals(unit, id.getBaseUnit())
                && description.equals(id.getDescription())) {
            return id;
        }
        return new Meter.Id(name, Tags.of(id.getTagsAsIterable()), unit, description, id.getType());
    }

    /** The library gave no description: its own name, in words, is better than none and points at its source. */
    private static String describedByName(String name) {
        return CAMEL_HUMP.matcher(name).replaceAll(" ").replace('.', ' ').replace('_', ' ').replace('-', ' ')
                .toLowerCase() + " (as named by the library that records it)";
    }
}
