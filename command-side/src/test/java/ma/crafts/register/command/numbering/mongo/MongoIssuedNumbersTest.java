package ma.crafts.register.command.numbering.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import ma.crafts.register.command.numbering.IssuedNumbers;
import ma.crafts.register.command.support.Concurrently;
import ma.crafts.register.command.support.EmbeddedMongo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The nationwide guard holds under concurrency: of many artisans claiming one number at once, exactly one gets it. */
class MongoIssuedNumbersTest {
    private static EmbeddedMongo mongo;

    @BeforeAll
    static void start() {
        mongo = new EmbeddedMongo();
    }

    @AfterAll
    static void stop() {
        mongo.close();
    }

    @Test
    void concurrentClaimsOfOneNumberLeaveExactlyOneHolder() throws Exception {
        MongoIssuedNumbers numbers = new MongoIssuedNumbers(mongo.database("issued-" + System.nanoTime()),
                Clock.systemUTC());
        int claimants = 8;
        for (int round = 0; round < 20; round++) {
            String cardNumber = "C07-2026-" + String.format("%06d", round + 1);
            List<Callable<Boolean>> claims = new ArrayList<>();
            for (int c = 0; c < claimants; c++) {
                String artisanId = "artisan-" + round + "-" + c;
                claims.add(() -> {
                    try {
                        numbers.claim(IssuedNumbers.Kind.CARD, cardNumber, artisanId);
                        return true;
                    } catch (IllegalStateException alreadyIssued) {
                        return false;
                    }
                });
            }
            List<Boolean> won = Concurrently.run(claims);
            assertThat(won).as("claims of " + cardNumber).containsOnlyOnce(true);
            String winner = "artisan-" + round + "-" + won.indexOf(true);
            assertThat(numbers.holderOf(IssuedNumbers.Kind.CARD, cardNumber)).contains(winner);
        }
    }
}
