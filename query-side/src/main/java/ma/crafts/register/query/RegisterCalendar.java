package ma.crafts.register.query;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The register's notion of "today". Card validity dates are calendar days in Morocco, so an instant is turned into a
 * day in the register's zone ({@code register.time-zone}, default {@code Africa/Casablanca}), not in UTC.
 */
public class RegisterCalendar {

    private final Clock clock;
    private final ZoneId zone;

    public RegisterCalendar(Clock clock, ZoneId zone) {
        this.clock = clock;
        this.zone = zone;
    }

    public Instant now() {
        return clock.instant();
    }

    public LocalDate today() {
        return dayOf(now());
    }

    public LocalDate dayOf(Instant instant) {
        return instant.atZone(zone).toLocalDate();
    }

    public ZoneId zone() {
        return zone;
    }
}
