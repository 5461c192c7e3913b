package ma.crafts.register.bench.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LoadPhaseTest {

    @Test
    void countsSuccessesAndFailuresSeparately_andTimesOnlyTheSuccesses() throws InterruptedException {
        AtomicInteger calls = new AtomicInteger();
        LoadPhase.Result result = new LoadPhase("test", 2).run(() -> {
            int call = calls.incrementAndGet();
            Thread.sleep(2);
            if (call % 5 == 0) {
                throw new IllegalStateException("every fifth request fails");
            }
            return call % 5 != 1;
        }, 0, 1);

        assertThat(result.ok() + result.failed()).isEqualTo(calls.get());
        assertThat(result.failed()).isGreaterThan(0);
        assertThat(result.ok()).isGreaterThan(result.failed());
        assertThat(result.latencies().getTotalCount()).isEqualTo(result.ok());
        assertThat(result.millis(50)).isGreaterThanOrEqualTo(2.0);
        assertThat(result.seconds()).isGreaterThanOrEqualTo(1.0);
        assertThat(result.warmupOk()).isZero();
    }

    @Test
    void theWarmUpIsReportedApartFromTheMeasuredPeriod() throws InterruptedException {
        LoadPhase.Result result = new LoadPhase("test", 1).run(() -> {
            Thread.sleep(5);
            return true;
        }, 1, 1);

        assertThat(result.warmupOk()).isPositive();
        assertThat(result.ok()).isPositive();
        assertThat(result.latencies().getTotalCount()).isEqualTo(result.ok());
    }
}
