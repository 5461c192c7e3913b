package ma.crafts.register.query.projection.mongo;

import ma.crafts.register.query.mongo.CollectionNames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import ma.crafts.register.errors.RuleViolationException;
import ma.crafts.register.query.support.InMemoryMongo;
import org.bson.BsonDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pointer documents, as several processes share them: each instance here stands for a process. */
class ProjectionGenerationsTest {

    private final InMemoryMongo mongo = new InMemoryMongo();

    @AfterEach
    void close() {
        mongo.close();
    }

    private ProjectionGenerations process() {
        return new ProjectionGenerations(mongo.database(), Clock.systemUTC());
    }

    @Test
    void onlyOneOfManyConcurrentRebuildsStarts() throws Exception {
        int processes = 8;
        ExecutorService pool = Executors.newFixedThreadPool(processes);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> outcomes = new ArrayList<>();
        try {
            for (int i = 0; i < processes; i++) {
                ProjectionGenerations generations = process();
                Callable<Boolean> rebuild = () -> {
                    start.await();
                    try {
                        return generations.beginRebuild("artisan-view").building() == 1;
                    } catch (RuleViolationException running) {
                        return false;
                    }
                };
                outcomes.add(pool.submit(rebuild));
            }
            start.countDown();
            int started = 0;
            for (Future<Boolean> outcome : outcomes) {
                started += outcome.get() ? 1 : 0;
            }
            assertThat(started).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThatThrownBy(() -> process().beginRebuild("artisan-view"))
                .isInstanceOf(RuleViolationException.class).hasMessageContaining("generation 1");
    }

    @Test
    void aSwitchIsMadeOnceAndEveryProcessReadsTheNewGeneration() {
        ProjectionGenerations first = process();
        ProjectionGenerations second = process();
        CollectionNames reading = second.live("card-verification");
        assertThat(reading.of("query_card_verification")).isEqualTo("query_card_verification");

        first.beginRebuild("card-verification");
        assertThat(first.switchToBuilt("card-verification", 1).live()).isEqualTo(1);
        ProjectionGenerations.Pointer again = second.switchToBuilt("card-verification", 1);
        assertThat(again.live()).isEqualTo(1);
        assertThat(again.retired()).as("the generation retired by the switch").isZero();
        assertThat(again.rebuilding()).isFalse();
        assertThat(reading.of("query_card_verification")).isEqualTo("query_card_verification_g1");

        first.forgetRetired("card-verification", 0);
        assertThat(second.read("card-verification").retired()).isNull();
        assertThat(second.beginRebuild("card-verification").building()).isEqualTo(2);
    }

    @Test
    void thePointerIsOnlyEverLookedUpByItsId() {
        ProjectionGenerations generations = process();
        mongo.commands().clear();
        generations.beginRebuild("chamber-notifications");
        generations.switchToBuilt("chamber-notifications", 1);
        generations.forgetRetired("chamber-notifications", 0);
        List<BsonDocument> filters = new ArrayList<>();
        for (BsonDocument command : mongo.commands()) {
            if (command.containsKey("find")) {
                filters.add(command.getDocument("filter"));
            } else if (command.containsKey("update")) {
                command.getArray("updates").forEach(update -> filters.add(update.asDocument().getDocument("q")));
            }
        }
        assertThat(filters).isNotEmpty().allSatisfy(filter -> assertThat(filter.toJson()).contains("\"_id\""));
    }
}
