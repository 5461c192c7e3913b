package ma.crafts.register.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import ma.crafts.register.errors.InvalidInputException;
import ma.crafts.register.eventstore.TrackingProgress;
import ma.crafts.register.platform.security.CurrentActor;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/** How long, and who, a {@code ?minPosition} read may wait. */
class ProjectionFreshnessTest {

    private static final String PROCESSOR = "artisan-projections";
    private static final long HEAD = 100;
    private static final Duration MAX_WAIT = Duration.ofSeconds(5);

    private final AtomicInteger appliedUpTo = new AtomicInteger(50);
    private final CountDownLatch polled = new CountDownLatch(2);
    private final TrackingProgress progress = new TrackingProgress(null) {
        @Override
        public boolean hasApplied(String processorName, long position) {
            polled.countDown();
            return position <= appliedUpTo.get();
        }
    };
    private final EventStore store = mock(EventStore.class);
    private final ProjectionFreshness freshness = new ProjectionFreshness(progress, store, new CurrentActor(), MAX_WAIT, 2);

    ProjectionFreshnessTest() {
        when(store.createHeadToken()).thenReturn(new GlobalSequenceTrackingToken(HEAD));
    }

    @AfterEach
    void clearCaller() {
        SecurityContextHolder.clearContext();
    }

    private static void signIn() {
        SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken("clerk", null, "ROLE_AUDITOR"));
    }

    @Test
    void aPositionBeyondTheStoreHeadIsRefusedWithoutWaiting() {
        signIn();
        long start = System.nanoTime();
        assertThatThrownBy(() -> freshness.await(PROCESSOR, HEAD + 1_000_000))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("minPosition");
        assertThatThrownBy(() -> freshness.awaitStore(HEAD + 1))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("minPosition");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void aCallerWithoutATokenNeverWaits() {
        freshness.await(PROCESSOR, 50L);
        long start = System.nanoTime();
        assertThatThrownBy(() -> freshness.await(PROCESSOR, 60L)).isInstanceOf(ProjectionLaggingException.class)
                .hasMessageContaining("bearer token");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void anAuthenticatedCallerWaitsUntilThePositionIsApplied() throws Exception {
        signIn();
        Thread catchingUp = new Thread(() -> {
            try {
                polled.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            appliedUpTo.set(60);
        });
        catchingUp.start();
        freshness.await(PROCESSOR, 60L);
        catchingUp.join();
    }

    @Test
    void atMostMaxWaitingReadsWaitAtOnceAndTheNextIsTurnedAwayAtOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        // A read's second look at the progress comes after it took its permit.
        CountDownLatch waiting = new CountDownLatch(2);
        Map<Thread, AtomicInteger> looks = new ConcurrentHashMap<>();
        TrackingProgress stuck = new TrackingProgress(null) {
            @Override
            public boolean hasApplied(String processorName, long position) {
                if (looks.computeIfAbsent(Thread.currentThread(), t -> new AtomicInteger()).incrementAndGet() == 2) {
                    waiting.countDown();
                }
                return position <= appliedUpTo.get();
            }
        };
        ProjectionFreshness limited = new ProjectionFreshness(stuck, store, new CurrentActor(), MAX_WAIT, 2);
        try {
            List<Future<?>> waiters = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                waiters.add(pool.submit(() -> {
                    signIn();
                    limited.await(PROCESSOR, 70L);
                    return null;
                }));
            }
            assertThat(waiting.await(5, TimeUnit.SECONDS)).isTrue();
            signIn();
            long start = System.nanoTime();
            assertThatThrownBy(() -> limited.await(PROCESSOR, 70L)).isInstanceOf(ProjectionLaggingException.class)
                    .hasMessageContaining("too many reads");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));

            appliedUpTo.set(70);
            for (Future<?> waiter : waiters) {
                waiter.get(5, TimeUnit.SECONDS);
            }
            appliedUpTo.set(50);
            assertThatThrownBy(() -> limited.await(PROCESSOR, 80L)).as("the permits are back: this one waits")
                    .isInstanceOf(ProjectionLaggingException.class).hasMessageNotContaining("too many");
        } finally {
            pool.shutdownNow();
        }
    }
}
