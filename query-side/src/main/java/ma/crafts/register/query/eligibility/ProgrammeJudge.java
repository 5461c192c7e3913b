package ma.crafts.register.query.eligibility;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import ma.crafts.register.events.programme.ConditionType;
import ma.crafts.register.platform.privacy.PersonalDataVault;
import ma.crafts.register.query.RegisterCalendar;
import ma.crafts.register.query.artisan.ArtisanState;
import ma.crafts.register.query.programme.ProgrammeVersion;
import ma.crafts.register.values.PersonalData;

/** Judges one actor's state on the day of an instant by given programme versions, every rule explained. */
public class ProgrammeJudge {

    private final RuleEngine engine;
    private final RegisterCalendar calendar;
    private final PersonalDataVault vault;

    public ProgrammeJudge(RuleEngine engine, RegisterCalendar calendar, PersonalDataVault vault) {
        this.engine = engine;
        this.calendar = calendar;
        this.vault = vault;
    }

    /** The state judged on the day of {@code instant} by {@code versions}, whether or not they are in force then. */
    public List<ProgrammeEligibility> judge(ArtisanState state, Instant instant, List<ProgrammeVersion> versions) {
        return judgeUntilChange(state, instant, versions).verdicts();
    }

    /**
     * Verdicts and the first later day on which the date alone may change them.
     *
     * @param changesOn null when no rule of the versions depends on the date
     */
    public record Judged(List<ProgrammeEligibility> verdicts, LocalDate changesOn) {
    }

    /** As {@link #judge}, with the day the verdicts are to be judged again even if the actor does not change. */
    public Judged judgeUntilChange(ArtisanState state, Instant instant, List<ProgrammeVersion> versions) {
        EligibilityFacts facts = EligibilityFacts.of(state, calendar.dayOf(instant), calendar.zone(),
                birthDateIfNeeded(state, versions));
        return new Judged(versions.stream().map(programme -> engine.evaluate(programme, facts)).toList(),
                VerdictExpiry.of(state, facts, calendar.zone(), versions));
    }

    /** Personal data is opened only when a rule of the versions applied asks for an age. */
    private LocalDate birthDateIfNeeded(ArtisanState state, List<ProgrammeVersion> versions) {
        boolean needed = versions.stream().flatMap(p -> p.rules().stream())
                .anyMatch(rule -> rule.type() == ConditionType.AGE_BETWEEN);
        if (!needed || state.personalData() == null) {
            return null;
        }
        return vault.open(state.personalData()).map(PersonalData::birthDate).orElse(null);
    }
}
