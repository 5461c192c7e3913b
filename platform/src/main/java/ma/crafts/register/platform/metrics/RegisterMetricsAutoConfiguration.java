package ma.crafts.register.platform.metrics;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/** Metric names and help texts that Prometheus' own linter accepts (see {@link PrometheusLint}). */
@AutoConfiguration
@ConditionalOnClass(name = "io.micrometer.core.instrument.config.MeterFilter")
public class RegisterMetricsAutoConfiguration {
    @Bean
    public PrometheusLint prometheusLint() {
        return new PrometheusLint();
    }
}
