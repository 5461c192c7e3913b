package ma.crafts.register.query.eligibility;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import ma.crafts.register.events.programme.ActorKind;
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

    /**
     * The state judged on the day of {@code instant} by {@code versions}, whether or not they are in force then.
     *
     * @param state an artisan's state, or a cooperative's or an enterprise's in its shape ({@link EligibilityFolding})
     */
    public List<ProgrammeEligibility> judge(ActorKind kind, ArtisanState state, Instant instant,
                                            List<ProgrammeVersion> versions) {
        EligibilityFacts facts = facts(kind, state, instant, versions);
        return versions.stream().map(programme -> engine.evaluate(programme, facts)).toList();
    }

    /** The same judgement in the form the model stores, each verdict to be {@linkplain Verdict#explained worded}. */
    public List<Verdict> verdicts(ActorKind kind, ArtisanState state, Instant instant, List<ProgrammeVersion> versions) {
        EligibilityFacts facts = facts(kind, state, instant, versions);
        return versions.stream().map(programme -> engine.judge(programme, facts)).toList();
    }

    private EligibilityFacts facts(ActorKind kind, ArtisanState state, Instant instant,
                                   List<ProgrammeVersion> versions) {
        return EligibilityFacts.of(kind, state, calendar.dayOf(instant), calendar.zone(),
                birthDateIfNeeded(state, versions));
    }

    /**
     * Personal data is opened only when a rule of the versions applied asks for an age; a cooperative's or an
     * enterprise's state holds none (its representative is not judged).
     */
    private LocalDate birthDateIfNeeded(ArtisanState state, List<ProgrammeVersion> versions) {
        boolean needed = versions.stream().flatMap(p -> p.rules().stream())
                .anyMatch(rule -> rule.type() == ConditionType.AGE_BETWEEN);
        if (!needed || state.personalData() == null) {
            return null;
        }
        return vault.open(state.personalData()).map(PersonalData::birthDate).orElse(null);
    }
}
