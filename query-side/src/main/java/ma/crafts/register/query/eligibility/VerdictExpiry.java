package ma.crafts.register.query.eligibility;

import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;
import ma.crafts.register.events.programme.EligibilityRule;
import ma.crafts.register.query.artisan.ArtisanState;
import ma.crafts.register.query.artisan.CardState;
import ma.crafts.register.query.programme.ProgrammeVersion;

/**
 * The first day after a verdict's day on which the date alone may judge the actor otherwise: a card's first or last
 * valid day passing, an age bound, a number of months registered or of years of practice reached. The model re-judges
 * an actor on that day (the day buckets of a daily pass) rather than every actor every day. A day may come early
 * (the rule's outcome does not flip after all); it is never late.
 */
final class VerdictExpiry {

    private VerdictExpiry() {
    }

    /** The first such day for any rule of {@code versions}; null when no rule depends on the date. */
    static LocalDate of(ArtisanState state, EligibilityFacts facts, ZoneId zone, List<ProgrammeVersion> versions) {
        return versions.stream().flatMap(version -> version.rules().stream())
                .map(rule -> changesOn(rule, state, facts, zone)).filter(Objects::nonNull)
                .min(LocalDate::compareTo).orElse(null);
    }

    private static LocalDate changesOn(EligibilityRule rule, ArtisanState state, EligibilityFacts facts, ZoneId zone) {
        LocalDate day = facts.day();
        return switch (rule.type()) {
            case HAS_VALID_CARD -> state.cards().stream()
                    .flatMap(card -> Stream.of(card.validFrom(), dayAfter(card)))
                    .filter(bound -> bound != null && bound.isAfter(day)).min(LocalDate::compareTo).orElse(null);
            case AGE_BETWEEN -> facts.birthDate() == null ? null : Stream.of(rule.minimumAge(),
                            rule.maximumAge() == null ? null : rule.maximumAge() + 1)
                    .filter(Objects::nonNull)
                    .map(age -> firstReaching(facts.birthDate(), facts.birthDate().plusYears(age), Period::getYears,
                            age))
                    .filter(reached -> reached.isAfter(day)).min(LocalDate::compareTo).orElse(null);
            case REGISTERED_FOR_AT_LEAST_MONTHS -> facts.registeredOn() == null ? null
                    : after(day, firstReaching(facts.registeredOn(), facts.registeredOn().plusMonths(rule.months()),
                    Period::toTotalMonths, rule.months()));
            case YEARS_OF_PRACTICE_AT_LEAST -> yearsOfPracticeReached(rule, state, facts, zone);
            default -> null;
        };
    }

    /** Practice only grows: the day it reaches the rule's years, unless it has already. */
    private static LocalDate yearsOfPracticeReached(EligibilityRule rule, ArtisanState state, EligibilityFacts facts,
                                                    ZoneId zone) {
        if (facts.yearsOfPractice() >= rule.years() || state.practiceDeclaredAt() == null) {
            return null;
        }
        LocalDate since = state.practiceDeclaredAt().atZone(zone).toLocalDate();
        int yearsSince = rule.years() - EligibilityFacts.yearsOfPractice(state, since, zone);
        return after(facts.day(), firstReaching(since, since.plusYears(yearsSince), Period::getYears, yearsSince));
    }

    /** The day after a card's last valid day, when the card stops being valid. */
    private static LocalDate dayAfter(CardState card) {
        return card.validUntil() == null ? null : card.validUntil().plusDays(1);
    }

    /**
     * The first day from {@code candidate} on which the whole period since {@code from} measures {@code target}:
     * adding months or years to the 29th to the 31st can land a day or three short (31 January plus one month is
     * 28 February, not yet a whole month).
     */
    private static LocalDate firstReaching(LocalDate from, LocalDate candidate, ToLongFunction<Period> measure,
                                           long target) {
        LocalDate day = candidate;
        while (measure.applyAsLong(Period.between(from, day)) < target) {
            day = day.plusDays(1);
        }
        return day;
    }

    private static LocalDate after(LocalDate day, LocalDate candidate) {
        return candidate.isAfter(day) ? candidate : null;
    }
}
