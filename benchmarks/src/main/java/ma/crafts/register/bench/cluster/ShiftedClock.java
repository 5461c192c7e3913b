package ma.crafts.register.bench.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;
import ma.crafts.register.command.RegisterPolicy;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The register's clock moved forward so that Morocco's midnight falls during the cluster test, and the card-expiry
 * deadlines of the cards issued before it fire under the load and the kills. deploy/cluster-test.sh adds it to each
 * command node with {@code spring.main.sources}. The offset (milliseconds) is read from
 * {@code register.cluster.clock-offset-file} when the clock is first asked the time: the load client writes it
 * ({@link #placedAt}) just before its first command, since how long the nodes take to start on a busy machine decides
 * when the load runs; a restarted node reads the same file, so every node agrees on the day. Only the register's policy reads this clock
 * (CommandSideConfiguration); token claims, idempotency records and the deadline manager keep the system clock, and a
 * deadline waits for the duration the policy computes, so it fires at the shifted midnight.

 */
@Configuration(proxyBeanMethods = false)
public class ShiftedClock {

    /** A midnight placed: the offset that moves the next Moroccan midnight (after now) to {@code at}, and its day. */
    record Midnight(Instant at, long offsetMillis, LocalDate newDay) {
    }

    /** Computed on the JVM's time-zone rules, which are the register policy's. */
    static Midnight placedAt(Instant at) {
        LocalDate newDay = LocalDate.now(RegisterPolicy.MOROCCO).plusDays(1);
        Instant nextMidnight = newDay.atStartOfDay(RegisterPolicy.MOROCCO).toInstant();
        return new Midnight(at, Duration.between(at, nextMidnight).toMillis(), newDay);
    }

    @Bean
    Clock registerClock(@Value("${register.cluster.clock-offset-file}") Path offsetFile) {
        return new OffsetFromFile(offsetFile, new AtomicReference<>(), ZoneId.of("UTC"));
    }

    /** The system clock plus the offset in the file, read once; every zone view of it shares that one reading. */
    private static final class OffsetFromFile extends Clock {
        private final Path file;
        private final AtomicReference<Duration> offset;
        private final ZoneId zone;

        OffsetFromFile(Path file, AtomicReference<Duration> offset, ZoneId zone) {
            this.file = file;
            this.offset = offset;
            this.zone = zone;
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId newZone) {
            return new OffsetFromFile(file, offset, newZone);
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset.updateAndGet(read -> read != null ? read : readOffset()));
        }

        private Duration readOffset() {
            try {
                return Duration.ofMillis(Long.parseLong(Files.readString(file).strip()));
            } catch (IOException e) {
                throw new UncheckedIOException("the cluster test has not written the clock offset to " + file + " yet", e);
            }
        }
    }
}
