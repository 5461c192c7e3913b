package ma.crafts.register.query.eligibility;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import ma.crafts.register.errors.NotFoundException;
import ma.crafts.register.events.programme.ActorKind;
import ma.crafts.register.query.ProjectionFreshness;
import ma.crafts.register.query.QueryProcessors;
import ma.crafts.register.query.ReadAccess;
import ma.crafts.register.query.artisan.ArtisanEvent;
import ma.crafts.register.query.artisan.ArtisanQueries;
import ma.crafts.register.query.artisan.ArtisanState;
import ma.crafts.register.query.audit.ActorHistories;
import ma.crafts.register.query.programme.ProgrammeQueries;

/**
 * One actor's verdicts for every programme. Now: from the materialised model, which serves each programme's
 * verdicts from one version until a recompute has judged every actor by the next. At an instant: the actor's state
 * at that instant judged by the programme versions in force at that same instant, so a verdict about the past is the
 * one that was true then.
 */
public class EligibilityService {

    private final ArtisanQueries artisans;
    private final ProgrammeQueries programmes;
    private final ProgrammeJudge judge;
    private final EligibilityModel model;
    private final Organisations organisations;

    /** What reading a cooperative's or an enterprise's stream takes: it has no state-returning query of its own. */
    public record Organisations(ActorHistories histories, EligibilityFolding folding, ReadAccess access,
                                ProjectionFreshness freshness) {
    }

    public EligibilityService(ArtisanQueries artisans, ProgrammeQueries programmes, ProgrammeJudge judge,
                              EligibilityModel model, Organisations organisations) {
        this.artisans = artisans;
        this.programmes = programmes;
        this.judge = judge;
        this.model = model;
        this.organisations = organisations;
    }

    public List<ProgrammeEligibility> evaluate(String artisanId, Instant asOf, Long minPosition) {
        if (asOf == null) {
            return model.verdicts(ActorKind.ARTISAN, artisans.currentState(artisanId, minPosition));
        }
        return judge.judge(ActorKind.ARTISAN, artisans.stateAsOf(artisanId, asOf, minPosition), asOf,
                programmes.inForceAt(asOf));
    }

    /**
     * A cooperative's or an enterprise's verdicts, for the readers of its view: a reading role, then the region it is
     * in now. Its state is folded from its own stream (the model falls back on it until it holds the actor), up to
     * {@code asOf} when given: 404 when the stream is not one of that kind, or the actor was not registered yet then.
     */
    public List<ProgrammeEligibility> evaluate(ActorKind kind, String actorId, Instant asOf, Long minPosition) {
        organisations.access().requireArtisanReader();
        if (asOf == null) {
            organisations.freshness().await(QueryProcessors.ARTISAN_PROJECTIONS, minPosition);
        } else {
            organisations.freshness().awaitStore(minPosition);
        }
        String name = kind.name().toLowerCase(Locale.ROOT);
        ArtisanState now = stateAt(kind, actorId, Instant.MAX).orElseThrow(() -> new NotFoundException(
                "No " + name + " is registered under " + actorId));
        organisations.access().requireArtisanRead(now.regionCode());
        if (asOf == null) {
            return model.verdicts(kind, now);
        }
        ArtisanState then = stateAt(kind, actorId, asOf).orElseThrow(() -> new NotFoundException(
                "The " + name + " " + actorId + " was not yet registered at " + asOf));
        return judge.judge(kind, then, asOf, programmes.inForceAt(asOf));
    }

    /** The state folded from the events recorded up to {@code instant}, when the stream is one of {@code kind}. */
    private Optional<ArtisanState> stateAt(ActorKind kind, String actorId, Instant instant) {
        return organisations.histories().asOf(actorId, instant, (current, message) -> current == null
                && !EligibilityFolding.kindRegisteredBy(message.getPayload()).equals(Optional.of(kind))
                ? Optional.empty() : organisations.folding().apply(current, ArtisanEvent.of(message)));
    }

    /**
     * The programmes a holder is eligible for today, for a state the caller has read and may disclose itself: the
     * public card check reads its holder through the card's code, not as an artisan reader.
     */
    public List<String> eligibleProgrammesToday(ArtisanState holder) {
        return model.verdicts(ActorKind.ARTISAN, holder).stream().filter(ProgrammeEligibility::eligible)
                .map(ProgrammeEligibility::programId).toList();
    }
}
