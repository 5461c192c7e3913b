package ma.crafts.register.query.eligibility;

import java.time.Instant;
import java.util.List;
import ma.crafts.register.query.RegisterCalendar;
import ma.crafts.register.query.artisan.ArtisanQueries;
import ma.crafts.register.query.artisan.ArtisanState;
import ma.crafts.register.query.programme.ProgrammeQueries;

/**
 * One artisan's verdicts for every programme. Now: from the materialised model, which serves each programme's
 * verdicts from one version until a recompute has judged every actor by the next. At an instant: the artisan's state
 * at that instant judged by the programme versions in force at that same instant, so a verdict about the past is the
 * one that was true then.
 */
public class EligibilityService {

    private final ArtisanQueries artisans;
    private final ProgrammeQueries programmes;
    private final ProgrammeJudge judge;
    private final EligibilityModel model;

    public EligibilityService(ArtisanQueries artisans, ProgrammeQueries programmes, ProgrammeJudge judge,
                              EligibilityModel model) {
        this.artisans = artisans;
        this.programmes = programmes;
        this.judge = judge;
        this.model = model;
    }

    public List<ProgrammeEligibility> evaluate(String artisanId, Instant asOf, Long minPosition) {
        if (asOf == null) {
            return model.verdicts(artisans.currentState(artisanId, minPosition));
        }
        return judge.judge(artisans.stateAsOf(artisanId, asOf, minPosition), asOf, programmes.inForceAt(asOf));
    }

    /**
     * The programmes a holder is eligible for today, for a state the caller has read and may disclose itself: the
     * public card check reads its holder through the card's code, not as an artisan reader.
     */
    public List<String> eligibleProgrammesToday(ArtisanState holder) {
        return model.verdicts(holder).stream().filter(ProgrammeEligibility::eligible)
                .map(ProgrammeEligibility::programId).toList();
    }
}
