package ma.crafts.register.query.eligibility;

import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import ma.crafts.register.query.artisan.ArtisanState;
import ma.crafts.register.query.artisan.CardState;
import ma.crafts.register.query.artisan.MembershipState;
import ma.crafts.register.values.ArtisanCategory;
import ma.crafts.register.values.ArtisanStatus;

/**
 * What the rules may look at, taken from one artisan state on one day (today, or the day of an {@code asOf}).
 *
 * @param validCard the card that is valid on {@code day}, if any
 */
public record EligibilityFacts(LocalDate day, ArtisanStatus status, ArtisanCategory category, String regionCode,
                               String branchCode, Optional<CardState> validCard, List<MembershipState> memberships,
                               int yearsOfPractice) {

    public static EligibilityFacts of(ArtisanState state, LocalDate day, ZoneId zone) {
        Optional<CardState> validCard = state.cards().stream()
                .filter(card -> card.isValidOn(day, state.status()))
                .reduce((first, second) -> second);
        return new EligibilityFacts(day, state.status(), state.category(), state.regionCode(), state.branchCode(),
                validCard, state.memberships(), yearsOfPractice(state, day, zone));
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
        int elapsed = since.isAfter(day) ? 0 : Period.between(since, day).getYears();
        return declared + elapsed;
    }
}
