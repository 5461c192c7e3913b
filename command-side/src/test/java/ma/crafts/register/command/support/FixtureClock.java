package ma.crafts.register.command.support;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.function.Supplier;

/**
 * A clock that reads an aggregate fixture's current time, so the register policy's "today" moves with
 * {@code whenTimeElapses} exactly as the fixture's deadline manager does.
 */
public final class FixtureClock extends Clock {
    private final Supplier<Instant> now;
    private final ZoneId zone;

    public FixtureClock(Supplier<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId newZone) {
        return new FixtureClock(now, newZone);
    }

    @Override
    public Instant instant() {
        return now.get();
    }
}
