package ma.crafts.register.query.eligibility;

import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import ma.crafts.register.events.programme.ActorKind;
import ma.crafts.register.query.artisan.ArtisanState;
import ma.crafts.register.query.artisan.CardState;
import ma.crafts.register.query.artisan.MembershipState;
import ma.crafts.register.values.ArtisanCategory;
import ma.crafts.register.values.ArtisanStatus;
import ma.crafts.register.values.Gender;
import ma.crafts.register.values.QualificationRoute;

/**
 * What the rules may look at, taken from one actor's state on one day (today, or the day of an {@code asOf}).
 *
 * @param validCard    the card that is valid on {@code day}, if any
 * @param registeredOn the day the actor was registered, or null when unknown
 * @param birthDate    the actor's birth date, or null when it is not known (erased, or not needed by any rule)
 */
public record EligibilityFacts(LocalDate day, ActorKind actorKind, ArtisanStatus status, ArtisanCategory category,
                               String regionCode, String provinceCode, String branchCode, Gender gender,
                               QualificationRoute qualificationRoute, Optional<CardState> validCard,
                               List<MembershipState> memberships, int yearsOfPractice, LocalDate registeredOn,
                               LocalDate birthDate) {

    /** @param state an artisan's state, or a cooperative's or an enterprise's in its shape ({@link EligibilityFolding}) */
    public static EligibilityFacts of(ActorKind kind, ArtisanState state, LocalDate day, ZoneId zone,
                                      LocalDate birthDate) {
        Optional<CardState> validCard = state.cards().stream()
                .filter(card -> card.isValidOn(day, state.status()))
                .reduce((first, second) -> second);
        return new EligibilityFacts(day, kind, state.status(), state.category(), state.regionCode(),
                state.provinceCode(), state.branchCode(), state.gender(),
                state.qualification() == null ? null : state.qualification().route(), validCard, state.memberships(),
                yearsOfPractice(state, day, zone),
                state.registeredAt() == null ? null : state.registeredAt().atZone(zone).toLocalDate(), birthDate);
    }

    /**
     * Years of practice declared when they were last attested (registration or master-artisan status), plus the
     * whole years the artisan has been registered since then.
     */
    static int yearsOfPractice(ArtisanState state, LocalDate day, ZoneId zone) {
        int declared = state.qualification() == null || state.qualification().yearsOfPractice() == null
                ? 0 : state.qualification().yearsOfPractice();
        if (state.practiceDeclaredAt() == null) {
            return declared;
        }
        LocalDate since = state.practiceDeclaredAt().atZone(zone).toLocalDate();
        return declared + wholePeriod(since, day).getYears();
    }

    /** Whole months registered on {@link #day}, or -1 when the registration day is unknown. */
    long monthsRegistered() {
        return registeredOn == null ? -1 : wholePeriod(registeredOn, day).toTotalMonths();
    }

    /** Age in whole years on {@link #day}, or -1 when the birth date is unknown. */
    int age() {
        return birthDate == null ? -1 : wholePeriod(birthDate, day).getYears();
    }

    private static Period wholePeriod(LocalDate from, LocalDate to) {
        return from.isAfter(to) ? Period.ZERO : Period.between(from, to);
    }
}
