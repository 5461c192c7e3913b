package ma.crafts.register.command;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Register rules that the law leaves open and that must therefore stay configurable (domain brief §1.7, §2):
 * card validity and the plausible age range of an applicant. Dates are taken in Morocco's time zone, so a card issued
 * at 00:30 local time is dated that day, not the previous UTC day.
 *
 * @param clock        the register's clock, in {@link #MOROCCO}
 * @param cardValidity how long a card is valid (provisional default P5Y; no official duration was found)
 * @param minimumAge   youngest plausible applicant in whole years
 * @param maximumAge   oldest plausible applicant in whole years
 */
public record RegisterPolicy(Clock clock, Period cardValidity, int minimumAge, int maximumAge) {
    public static final ZoneId MOROCCO = ZoneId.of("Africa/Casablanca");

    public RegisterPolicy {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(cardValidity, "cardValidity");
        if (cardValidity.isNegative() || cardValidity.isZero()) {
            throw new IllegalArgumentException("register.policy.card-validity must be positive, was " + cardValidity);
        }
        if (minimumAge < 0 || maximumAge <= minimumAge) {
            throw new IllegalArgumentException("invalid age range " + minimumAge + ".." + maximumAge);
        }
    }

    public static RegisterPolicy defaults(Clock clock) {
        return new RegisterPolicy(clock, Period.ofYears(5), 15, 120);
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /** Last day (inclusive) of a card valid from {@code validFrom}: P5Y from 2026-03-02 gives 2031-03-01. */
    public LocalDate cardValidUntil(LocalDate validFrom) {
        return validFrom.plus(cardValidity).minusDays(1);
    }
}
