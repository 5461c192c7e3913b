package ma.crafts.register.bench.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import ma.crafts.register.bench.http.Options;
import ma.crafts.register.command.RegisterPolicy;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The register's clock moved forward by {@code register.cluster.clock-offset} (milliseconds), so that Morocco's
 * midnight falls during the cluster test and the card-expiry deadlines of the cards issued before it fire under the
 * load and the kills. deploy/cluster-test.sh adds it to each command node with {@code spring.main.sources}; every node
 * gets the same offset, so they agree on the day. Only the register's policy reads this clock (CommandSideConfiguration);
 * token claims, idempotency records and the deadline manager keep the system clock, and the deadline waits for the
 * duration the policy computes, so it fires at the shifted midnight.
 *
 * <pre>ShiftedClock --midnight-at=EPOCH_MILLIS</pre>
 * prints {@code MIDNIGHT offset_ms=… new_day=YYYY-MM-DD}: the offset that puts the next Moroccan midnight (after now)
 * at that instant, and the day it begins. Computed here, on the JVM's time-zone rules, which are the policy's.
 */
@Configuration(proxyBeanMethods = false)
public class ShiftedClock {

    public static void main(String[] args) {
        Instant midnightAt = Instant.ofEpochMilli(new Options(args).number("midnight-at", 0, Long.MAX_VALUE));
        LocalDate newDay = LocalDate.now(RegisterPolicy.MOROCCO).plusDays(1);
        Instant nextMidnight = newDay.atStartOfDay(RegisterPolicy.MOROCCO).toInstant();
        System.out.printf(Locale.ROOT, "MIDNIGHT offset_ms=%d new_day=%s%n",
                Duration.between(midnightAt, nextMidnight).toMillis(), newDay);
    }

    @Bean
    Clock registerClock(@Value("${register.cluster.clock-offset}") long offsetMillis) {
        return Clock.offset(Clock.systemUTC(), Duration.ofMillis(offsetMillis));
    }
}
