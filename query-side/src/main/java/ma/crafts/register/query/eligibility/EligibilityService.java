package ma.crafts.register.query.eligibility;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import ma.crafts.register.query.RegisterCalendar;
import ma.crafts.register.query.artisan.ArtisanQueries;
import ma.crafts.register.query.artisan.ArtisanState;

/** Evaluates every programme of the catalogue for one artisan, now or as it was at an instant. */
public class EligibilityService {

    private final ArtisanQueries artisans;
    private final ProgrammeCatalogue catalogue;
    private final RuleEngine engine;
    private final RegisterCalendar calendar;

    public EligibilityService(ArtisanQueries artisans, ProgrammeCatalogue catalogue, RuleEngine engine,
                              RegisterCalendar calendar) {
        this.artisans = artisans;
        this.catalogue = catalogue;
        this.engine = engine;
        this.calendar = calendar;
    }

    public List<ProgrammeEligibility> evaluate(String artisanId, Instant asOf, Long minPosition) {
        ArtisanState state;
        LocalDate day;
        if (asOf == null) {
            state = artisans.currentState(artisanId, minPosition);
            day = calendar.today();
        } else {
            state = artisans.stateAsOf(artisanId, asOf, minPosition);
            day = calendar.dayOf(asOf);
        }
        return evaluate(state, day);
    }

    /**
     * Every programme for a state the caller has read and may disclose itself, judged today: the public card check
     * reads its holder through the card's code, not as an artisan reader.
     */
    public List<ProgrammeEligibility> evaluateToday(ArtisanState state) {
        return evaluate(state, calendar.today());
    }

    private List<ProgrammeEligibility> evaluate(ArtisanState state, LocalDate day) {
        EligibilityFacts facts = EligibilityFacts.of(state, day, calendar.zone());
        return catalogue.programmes().stream().map(p -> engine.evaluate(p, facts)).toList();
    }
}
