package ma.crafts.register.command.artisan.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import ma.crafts.register.command.numbering.IssuedNumbers;
import ma.crafts.register.command.numbering.mongo.MongoIssuedNumbers;
import ma.crafts.register.command.support.EmbeddedMongo;
import ma.crafts.register.errors.DuplicateCinException;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MongoCinReservationsTest {
    private static final Duration TAKE_OVER_AFTER = Duration.ofMinutes(2);
    private static EmbeddedMongo mongo;
    private MongoDatabase database;
    private final Set<String> streams = ConcurrentHashMap.newKeySet();
    private MutableClock clock;
    private MongoCinReservations reservations;

    @BeforeAll
    static void start() {
        mongo = new EmbeddedMongo();
    }

    @AfterAll
    static void stop() {
        mongo.close();
    }

    @BeforeEach
    void setUp() {
        database = mongo.database("cin-" + System.nanoTime());
        clock = new MutableClock(Instant.parse("2026-03-10T09:00:00Z"));
        reservations = new MongoCinReservations(database, streams::contains, TAKE_OVER_AFTER, clock);
    }

    /** A bulk import's row run again after a crash reserves under the same id: its reservation, not a duplicate. */
    @Test
    void theSameArtisanReservingAgainKeepsItsReservation() {
        assertThat(reservations.reserve("fp-again", "artisan-row-7")).as("reserved now").isTrue();
        assertThat(reservations.reserve("fp-again", "artisan-row-7")).as("held already").isFalse();
        assertThat(reservations.holderOf("fp-again")).contains("artisan-row-7");
        assertThat(reservations.holderOf("fp-nobody")).isEmpty();
        assertThatThrownBy(() -> reservations.reserve("fp-again", "artisan-row-8"))
                .isInstanceOf(DuplicateCinException.class);
    }

    @Test
    void aCinIsReservedOnceAndFreedByItsHolderOnly() {
        reservations.reserve("fp-1", "artisan-a");
        assertThatThrownBy(() -> reservations.reserve("fp-1", "artisan-b")).isInstanceOf(DuplicateCinException.class);
        reservations.release("fp-1", "artisan-b");
        assertThatThrownBy(() -> reservations.reserve("fp-1", "artisan-c")).isInstanceOf(DuplicateCinException.class);
        reservations.release("fp-1", "artisan-a");
        reservations.reserve("fp-1", "artisan-c");
        reservations.reserve("fp-2", "artisan-d");
        assertThat(holder("fp-1")).isEqualTo("artisan-c");
    }

    @Test
    void fiftyConcurrentReservationsOfOneCinLetExactlyOneWin() throws Exception {
        int threads = 50;
        AtomicInteger duplicates = new AtomicInteger();
        List<String> winners = concurrently(threads, i -> {
            try {
                reservations.reserve("fp-same", "artisan-" + i);
                return "artisan-" + i;
            } catch (DuplicateCinException e) {
                duplicates.incrementAndGet();
                return null;
            }
        });
        assertThat(winners).hasSize(1);
        assertThat(duplicates).hasValue(threads - 1);
        assertThat(holder("fp-same")).isEqualTo(winners.get(0));
    }

    @Test
    void anAbandonedReservationIsTakenOverOnlyAfterTheBoundAndWithoutAStream() {
        reservations.reserve("fp-1", "crashed");
        clock.advance(TAKE_OVER_AFTER.minusSeconds(1));
        assertThatThrownBy(() -> reservations.reserve("fp-1", "retry")).isInstanceOf(DuplicateCinException.class);
        clock.advance(Duration.ofSeconds(2));
        reservations.reserve("fp-1", "retry");
        assertThat(holder("fp-1")).isEqualTo("retry");
    }

    @Test
    void aRegisteredArtisanKeepsItsCinForEver() {
        reservations.reserve("fp-1", "registered");
        streams.add("registered");
        clock.advance(Duration.ofDays(400));
        assertThatThrownBy(() -> reservations.reserve("fp-1", "someone")).isInstanceOf(DuplicateCinException.class);
        assertThat(holder("fp-1")).isEqualTo("registered");
    }

    @Test
    void concurrentTakeoversOfOneAbandonedReservationLetExactlyOneWin() throws Exception {
        reservations.reserve("fp-1", "crashed");
        clock.advance(Duration.ofHours(1));
        List<String> winners = concurrently(20, i -> {
            try {
                reservations.reserve("fp-1", "retry-" + i);
                return "retry-" + i;
            } catch (DuplicateCinException e) {
                return null;
            }
        });
        assertThat(winners).hasSize(1);
        assertThat(holder("fp-1")).isEqualTo(winners.get(0));
    }

    @Test
    void issuedNumbersAreUniqueAndFindTheirHolder() throws Exception {
        MongoIssuedNumbers numbers = new MongoIssuedNumbers(database, clock);
        numbers.claim(IssuedNumbers.Kind.CARD, "C07-2026-000045-3", "artisan-a");
        assertThat(numbers.holderOf(IssuedNumbers.Kind.CARD, "C07-2026-000045-3")).contains("artisan-a");
        assertThat(numbers.holderOf(IssuedNumbers.Kind.NIA, "C07-2026-000045-3")).isEmpty();
        assertThatThrownBy(() -> numbers.claim(IssuedNumbers.Kind.CARD, "C07-2026-000045-3", "artisan-b"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already issued");
        numbers.release(IssuedNumbers.Kind.CARD, "C07-2026-000045-3", "artisan-b");
        assertThat(numbers.holderOf(IssuedNumbers.Kind.CARD, "C07-2026-000045-3")).contains("artisan-a");
        numbers.release(IssuedNumbers.Kind.CARD, "C07-2026-000045-3", "artisan-a");
        assertThat(numbers.holderOf(IssuedNumbers.Kind.CARD, "C07-2026-000045-3")).isEmpty();
        List<String> winners = concurrently(20, i -> {
            try {
                numbers.claim(IssuedNumbers.Kind.NIA, "MA07-2026-000001-X", "artisan-" + i);
                return "artisan-" + i;
            } catch (IllegalStateException e) {
                return null;
            }
        });
        assertThat(winners).hasSize(1);
    }

    private String holder(String fingerprint) {
        Document doc = database.getCollection(MongoCinReservations.COLLECTION).find(new Document("_id", fingerprint)).first();
        return doc == null ? null : doc.getString("artisanId");
    }

    interface Attempt {
        String run(int index) throws Exception;
    }

    private static List<String> concurrently(int threads, Attempt attempt) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int index = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    return attempt.run(index);
                }));
            }
            start.countDown();
            List<String> winners = new ArrayList<>();
            for (Future<String> f : futures) {
                String result = f.get();
                if (result != null) {
                    winners.add(result);
                }
            }
            return winners;
        } finally {
            pool.shutdownNow();
        }
    }

    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
