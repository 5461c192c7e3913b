package ma.crafts.register.platform.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

/** The names and help texts promtool's linter objects to, as Axon and the JVM binders register them. */
class PrometheusLintTest {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    PrometheusLintTest() {
        registry.config().meterFilter(new PrometheusLint());
    }

    @Test
    void camelCaseNamesBecomeSnakeCaseWithoutTheirTypeAndWithAHelpText() {
        Counter.builder("eventStore.ingestedCounter").tag("payloadType", "ArtisanRegistered").register(registry)
                .increment(3);

        String scrape = registry.scrape();

        assertThat(scrape).contains("event_store_ingested_total{payloadType=\"ArtisanRegistered\"} 3.0")
                .containsPattern("# HELP event_store_ingested_total \\S")
                .doesNotContain("eventStore").doesNotContain("_counter");
    }

    @Test
    void timeCountedInAnotherUnitThanSecondsIsLeftOut() {
        FunctionCounter.builder("jvm.compilation.time", this, self -> 1234).baseUnit("ms")
                .description("The approximate accumulated elapsed time spent in compilation").register(registry);
        FunctionCounter.builder("process.cpu.time", this, self -> 5678).baseUnit("ns")
                .description("The CPU time used by the process").register(registry);

        assertThat(registry.scrape()).doesNotContain("jvm_compilation_time").doesNotContain("process_cpu_time");
    }

    @Test
    void aGaugeEndingInCountIsRenamed() {
        Gauge.builder("system.cpu.count", () -> 2).description("The number of processors").register(registry);

        assertThat(registry.scrape()).contains("system_cpu_logical 2.0").doesNotContain("system_cpu_count");
    }

    @Test
    void aWellNamedDescribedMeterIsLeftAlone() {
        Gauge.builder("register.projection.head", () -> 7).description("Global position of the store's newest event")
                .register(registry);

        assertThat(registry.scrape()).contains("# HELP register_projection_head Global position of the store's newest event")
                .contains("register_projection_head 7.0");
    }
}
