package ma.crafts.register.bench.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LoadPhaseTest {

    @Test
    void countsSuccessesAndFailuresSeparately_andTimesOnlyTheSuccesses() throws InterruptedException {
        AtomicInteger calls = new AtomicInteger();
        LoadPhase.Result result = new LoadPhase("test", 2, 0).run(() -> {
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
        LoadPhase.Result result = new LoadPhase("test", 1, 0).run(() -> {
            Thread.sleep(5);
            return true;
        }, 1, 1);

        assertThat(result.warmupOk()).isPositive();
        assertThat(result.ok()).isPositive();
        assertThat(result.latencies().getTotalCount()).isEqualTo(result.ok());
    }

    @Test
    void anOpenLoopSendsAtItsRate_notAsFastAsAnswersCome() throws InterruptedException {
        LoadPhase.Result result = new LoadPhase("test", 4, 100).run(() -> true, 0, 2);

        assertThat(result.ok()).isBetween(190L, 201L);
    }

    @Test
    void anOpenLoopCountsLatencyFromWhenARequestWasDue_soQueueingShows() throws InterruptedException {
        // One request in flight at a time, each taking 20 ms, but one due every 10 ms: the backlog grows all along,
        // so the later requests wait far longer than the 20 ms a closed loop would report. Every request due in the
        // period is still sent, after it if need be.
        LoadPhase.Result result = new LoadPhase("test", 1, 100).run(() -> {
            Thread.sleep(20);
            return true;
        }, 0, 2);

        assertThat(result.millis(50)).isGreaterThan(100.0);
        assertThat(result.ok()).isBetween(199L, 201L);
        assertThat(result.seconds()).isGreaterThan(3.5);
    }
}
