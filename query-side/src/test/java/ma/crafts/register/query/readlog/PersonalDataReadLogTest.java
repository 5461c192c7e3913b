package ma.crafts.register.query.readlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import ma.crafts.register.platform.security.CurrentActor;
import ma.crafts.register.query.readlog.mongo.ReadLogRecords;
import ma.crafts.register.query.support.Acting;
import ma.crafts.register.query.support.InMemoryMongo;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The read log's chain on the embedded server: gap-free under concurrent writers, and tamper-evident. */
class PersonalDataReadLogTest {

    private InMemoryMongo mongo;
    private ReadLogRecords records;

    @BeforeEach
    void setUp() {
        mongo = new InMemoryMongo();
        records = new ReadLogRecords(mongo.database());
    }

    @AfterEach
    void tearDown() {
        Acting.nobody();
        mongo.close();
    }

    private PersonalDataReadLog newLog() {
        return new PersonalDataReadLog(records, new CurrentActor(), Clock.systemUTC());
    }

    @Test
    void twoProcessesWritingAtOnceGetEverySequenceOnceAndOneUnbrokenChain() throws Exception {
        // Two logs stand for two query-side processes: each keeps its own head, so they collide on sequences.
        List<PersonalDataReadLog> processes = List.of(newLog(), newLog());
        int threads = 8;
        int readsPerThread = 40;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            PersonalDataReadLog log = processes.get(t % 2);
            String reader = "auditor-" + t;
            done.add(pool.submit(() -> {
                Acting.as(reader, "AUDITOR", null);
                start.await();
                for (int i = 0; i < readsPerThread; i++) {
                    log.record("a-" + i, List.of("firstName", "cin"));
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        ReadLogVerification verdict = newLog().verify();
        assertThat(verdict.valid()).isTrue();
        assertThat(verdict.records()).isEqualTo((long) threads * readsPerThread);
        Set<Long> sequences = records.page(null, null, null, null, 0, 100).items().stream()
                .map(PersonalDataRead::sequence).collect(Collectors.toSet());
        assertThat(sequences).hasSize(100).contains((long) threads * readsPerThread);
        assertThat(records.page(null, "auditor-3", null, null, 0, 100).total()).isEqualTo(readsPerThread);
    }

    @Test
    void aLogStartedOverAnExistingOneContinuesItsChain() {
        Acting.as("clerk-07", "CHAMBER_CLERK", "MA-07");
        PersonalDataReadLog first = newLog();
        for (int i = 0; i < 13; i++) {
            first.record("a-fatima", List.of("firstName"));
        }
        newLog().record("a-fatima", List.of("lastName"));

        ReadLogVerification verdict = newLog().verify();
        assertThat(verdict.valid()).isTrue();
        assertThat(verdict.records()).isEqualTo(14);
        PersonalDataRead last = records.page(null, null, null, null, 0, 1).items().get(0);
        assertThat(last.sequence()).isEqualTo(14);
        assertThat(last.fields()).containsExactly("lastName");
        assertThat(last.roles()).containsExactly("CHAMBER_CLERK");
        assertThat(last.traceId()).isNotBlank();
    }

    @Test
    void aReadShowingNothingWritesNothing() {
        Acting.as("auditor", "AUDITOR", null);
        newLog().record("a-fatima", List.of());
        assertThat(newLog().verify().records()).isZero();
    }

    @Test
    void aRemovedOrAlteredRecordBreaksTheChainThere() {
        Acting.as("auditor", "AUDITOR", null);
        PersonalDataReadLog log = newLog();
        for (int i = 0; i < 10; i++) {
            log.record("a-" + i, List.of("cin"));
        }
        MongoCollection<Document> stored = mongo.database().getCollection(ReadLogRecords.COLLECTION);

        stored.updateOne(Filters.eq("_id", 7L), Updates.set("subject", "someone-else"));
        assertThat(newLog().verify().firstBrokenLink()).as("altered").isEqualTo(7L);

        stored.deleteOne(Filters.eq("_id", 4L));
        ReadLogVerification removed = newLog().verify();
        assertThat(removed.valid()).isFalse();
        assertThat(removed.firstBrokenLink()).as("the record after the removed one").isEqualTo(5L);
    }

    @Test
    void aWriteThatFailsIsReportedSoTheReadIsRefused() {
        Acting.as("auditor", "AUDITOR", null);
        PersonalDataReadLog log = newLog();
        log.record("a-fatima", List.of("cin"));
        mongo.close();
        assertThatThrownBy(() -> log.record("a-fatima", List.of("cin")))
                .isInstanceOf(PersonalDataReadNotLoggedException.class);
        mongo = new InMemoryMongo();
    }
}
