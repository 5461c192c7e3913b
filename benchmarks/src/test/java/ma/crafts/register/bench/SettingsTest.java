package ma.crafts.register.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void defaults_areTheIssuesSizes_bothBackends_andFourThreads() {
        Settings settings = Settings.fromEnvironment(Map.of());

        assertThat(settings.sizes()).containsExactly(10_000L, 100_000L, 1_000_000L);
        assertThat(settings.baselineSizes()).containsExactly(10_000L, 100_000L);
        assertThat(settings.backends()).containsExactly("memory", "h2");
        assertThat(settings.threads()).isEqualTo(4);
        assertThat(settings.commands()).isEqualTo(20_000);
        assertThat(settings.creates()).isEqualTo(100_000);
        assertThat(settings.batchSize()).isEqualTo(1000);
        assertThat(settings.warmUp()).isTrue();
    }

    @Test
    void sizes_areSortedAndDeduplicated_andTheRegisterIsAlsoMeasuredAtTheBaselineSizes() {
        Settings settings = Settings.fromEnvironment(Map.of("SIZES", "1_000_000, 10000,10000", "BASELINE_SIZES", "50000",
                "BACKENDS", "H2", "MAX_SECONDS", "60", "WARMUP", "0", "CREATES", "5000"));

        assertThat(settings.sizes()).containsExactly(10_000L, 1_000_000L);
        assertThat(settings.registerSizes()).containsExactly(10_000L, 50_000L, 1_000_000L);
        assertThat(settings.smallestSize()).isEqualTo(10_000L);
        assertThat(settings.largestSize()).isEqualTo(1_000_000L);
        assertThat(settings.backends()).isEqualTo(List.of("h2"));
        assertThat(settings.cap()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.warmUp()).isFalse();
        assertThat(settings.creates()).isEqualTo(5_000);
    }

    @Test
    void replayAndCreateRunThreeTimesByDefault_andTheRunWithTheMedianRateIsKept() {
        assertThat(Settings.fromEnvironment(Map.of()).repeats()).isEqualTo(3);
        assertThat(Settings.fromEnvironment(Map.of("REPEATS", "5")).repeats()).isEqualTo(5);
        assertThat(EventStoreBenchmark.median(List.of(30.0, 10.0, 20.0), Double::doubleValue)).isEqualTo(20.0);
        assertThat(EventStoreBenchmark.median(List.of(7.0), Double::doubleValue)).isEqualTo(7.0);
        assertThatThrownBy(() -> Settings.fromEnvironment(Map.of("REPEATS", "0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("REPEATS");
    }

    @Test
    void badKnobs_areRejectedWithTheirName() {
        assertThatThrownBy(() -> Settings.fromEnvironment(Map.of("SIZES", "10001")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SIZES");
        assertThatThrownBy(() -> Settings.fromEnvironment(Map.of("BASELINE_SIZES", "ten")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("BASELINE_SIZES");
        assertThatThrownBy(() -> Settings.fromEnvironment(Map.of("BACKENDS", "memory,rocks")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rocks");
        assertThatThrownBy(() -> Settings.fromEnvironment(Map.of("THREADS", "0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("THREADS");
    }
}
