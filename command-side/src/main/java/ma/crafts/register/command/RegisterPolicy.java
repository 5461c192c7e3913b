package ma.crafts.register.command;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Register rules that the law leaves open or that a later text may change, and that must therefore stay configurable
 * (domain brief §1.7, §2). Dates are taken in Morocco's time zone, so a card issued at 00:30 local time is dated that
 * day, not the previous UTC day.
 *
 * @param clock                  the register's clock, in {@link #MOROCCO}
 * @param cardValidity           how long a card is valid (provisional default P5Y; no official duration was found)
 * @param minimumAge             youngest plausible applicant in whole years
 * @param maximumAge             oldest plausible applicant in whole years
 * @param cardRenewalWindow      how long before its last valid day a card may be renewed (provisional default P3M)
 * @param cardRenewalGrace       how long after its last valid day an expired card may still be renewed instead of
 *                               replaced by a new card (provisional default P6M)
 * @param experienceRouteYears   years of practice for the experience route (3, per the RNA FAQ)
 * @param masterArtisanYears     years of practice for master-artisan (maâlem) status (10, per the RNA FAQ)
 */
public record RegisterPolicy(Clock clock, Period cardValidity, int minimumAge, int maximumAge,
                             Period cardRenewalWindow, Period cardRenewalGrace, int experienceRouteYears,
                             int masterArtisanYears) {
    public static final ZoneId MOROCCO = ZoneId.of("Africa/Casablanca");
    public static final Period DEFAULT_CARD_VALIDITY = Period.ofYears(5);
    public static final Period DEFAULT_CARD_RENEWAL_WINDOW = Period.ofMonths(3);
    public static final Period DEFAULT_CARD_RENEWAL_GRACE = Period.ofMonths(6);
    /** Law 50.17 as read by the RNA FAQ: at least 3 years of effective practice for the experience route. */
    public static final int LAW_EXPERIENCE_ROUTE_YEARS = 3;
    /** Law 50.17 as read by the RNA FAQ: at least 10 years of effective practice for a master artisan (maâlem). */
    public static final int LAW_MASTER_ARTISAN_YEARS = 10;

    public RegisterPolicy {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(cardValidity, "cardValidity");
        Objects.requireNonNull(cardRenewalWindow, "cardRenewalWindow");
        Objects.requireNonNull(cardRenewalGrace, "cardRenewalGrace");
        if (cardValidity.isNegative() || cardValidity.isZero()) {
            throw new IllegalArgumentException("register.policy.card-validity must be positive, was " + cardValidity);
        }
        if (cardRenewalWindow.isNegative() || cardRenewalGrace.isNegative()) {
            throw new IllegalArgumentException("register.policy.card-renewal-window and card-renewal-grace must not be "
                    + "negative, were " + cardRenewalWindow + " and " + cardRenewalGrace);
        }
        if (minimumAge < 0 || maximumAge <= minimumAge) {
            throw new IllegalArgumentException("invalid age range " + minimumAge + ".." + maximumAge);
        }
        if (experienceRouteYears < 0 || masterArtisanYears < experienceRouteYears) {
            throw new IllegalArgumentException("invalid practice thresholds: experience route " + experienceRouteYears
                    + ", master artisan " + masterArtisanYears);
        }
    }

    /** The policy before renewal and thresholds were configurable: their defaults. */
    public RegisterPolicy(Clock clock, Period cardValidity, int minimumAge, int maximumAge) {
        this(clock, cardValidity, minimumAge, maximumAge, DEFAULT_CARD_RENEWAL_WINDOW, DEFAULT_CARD_RENEWAL_GRACE,
                LAW_EXPERIENCE_ROUTE_YEARS, LAW_MASTER_ARTISAN_YEARS);
    }

    public static RegisterPolicy defaults(Clock clock) {
        return new RegisterPolicy(clock, DEFAULT_CARD_VALIDITY, 15, 120);
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /** Last day (inclusive) of a card valid from {@code validFrom}: P5Y from 2026-03-02 gives 2031-03-01. */
    public LocalDate cardValidUntil(LocalDate validFrom) {
        return validFrom.plus(cardValidity).minusDays(1);
    }

    /** The instant a card whose last valid day is {@code validUntil} stops being valid: midnight after it, Morocco time. */
    public Instant endOfValidity(LocalDate validUntil) {
        return validUntil.plusDays(1).atStartOfDay(clock.getZone()).toInstant();
    }

    /**
     * How long from now until {@link #endOfValidity}; zero when that is past. Deadlines are scheduled with this
     * duration rather than the instant, so the deadline manager waits on its own clock for the time the register's
     * clock says is left, which keeps both in step when the register's clock is not the system clock.
     */
    public Duration untilEndOfValidity(LocalDate validUntil) {
        Duration left = Duration.between(clock.instant(), endOfValidity(validUntil));
        return left.isNegative() ? Duration.ZERO : left;
    }
}
