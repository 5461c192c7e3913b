package ma.crafts.register.query.eligibility;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import ma.crafts.register.events.programme.ConditionType;
import ma.crafts.register.platform.privacy.PersonalDataVault;
import ma.crafts.register.query.RegisterCalendar;
import ma.crafts.register.query.artisan.ArtisanQueries;
import ma.crafts.register.query.artisan.ArtisanState;
import ma.crafts.register.query.programme.ProgrammeQueries;
import ma.crafts.register.query.programme.ProgrammeVersion;
import ma.crafts.register.values.PersonalData;

/**
 * Judges one artisan against every programme, now or at an instant: the artisan's state at that instant against the
 * programme versions in force at that same instant, so a verdict about the past is the one that was true then.
 */
public class EligibilityService {

    private final ArtisanQueries artisans;
    private final ProgrammeQueries programmes;
    private final RuleEngine engine;
    private final RegisterCalendar calendar;
    private final PersonalDataVault vault;

    public EligibilityService(ArtisanQueries artisans, ProgrammeQueries programmes, RuleEngine engine,
                              RegisterCalendar calendar, PersonalDataVault vault) {
        this.artisans = artisans;
        this.programmes = programmes;
        this.engine = engine;
        this.calendar = calendar;
        this.vault = vault;
    }

    public List<ProgrammeEligibility> evaluate(String artisanId, Instant asOf, Long minPosition) {
        ArtisanState state = asOf == null
                ? artisans.currentState(artisanId, minPosition)
                : artisans.stateAsOf(artisanId, asOf, minPosition);
        return judge(state, asOf == null ? calendar.now() : asOf);
    }

    /**
     * Every programme for a state the caller has read and may disclose itself, judged now: the public card check
     * reads its holder through the card's code, not as an artisan reader.
     */
    public List<ProgrammeEligibility> evaluateToday(ArtisanState state) {
        return judge(state, calendar.now());
    }

    private List<ProgrammeEligibility> judge(ArtisanState state, Instant instant) {
        List<ProgrammeVersion> inForce = programmes.inForceAt(instant);
        EligibilityFacts facts = EligibilityFacts.of(state, calendar.dayOf(instant), calendar.zone(),
                birthDateIfNeeded(state, inForce));
        return inForce.stream().map(programme -> engine.evaluate(programme, facts)).toList();
    }

    /** Personal data is opened only when a rule in force asks for an age. */
    private LocalDate birthDateIfNeeded(ArtisanState state, List<ProgrammeVersion> inForce) {
        boolean needed = inForce.stream().flatMap(p -> p.rules().stream())
                .anyMatch(rule -> rule.type() == ConditionType.AGE_BETWEEN);
        if (!needed || state.personalData() == null) {
            return null;
        }
        return vault.open(state.personalData()).map(PersonalData::birthDate).orElse(null);
    }
}
