package ma.crafts.register.query.artisan;

import java.time.Instant;
import java.util.List;
import ma.crafts.register.errors.NotFoundException;
import ma.crafts.register.query.ProjectionFreshness;
import ma.crafts.register.query.ReadAccess;
import ma.crafts.register.query.ReadAccess.Disclosure;
import ma.crafts.register.query.RegisterCalendar;
import ma.crafts.register.query.artisan.mongo.ArtisanViewRepository;
import ma.crafts.register.query.readlog.PersonalDataReadLog;

/** Reads one artisan: the current view from the projection, or a past state rebuilt from the event store. */
public class ArtisanQueries {

    private final ArtisanViewRepository views;
    private final ArtisanStreamReader streams;
    private final ArtisanViewPresenter presenter;
    private final ReadAccess access;
    private final ProjectionFreshness freshness;
    private final RegisterCalendar calendar;
    private final PersonalDataReadLog readLog;

    public ArtisanQueries(ArtisanViewRepository views, ArtisanStreamReader streams, ArtisanViewPresenter presenter,
                          ReadAccess access, ProjectionFreshness freshness, RegisterCalendar calendar,
                          PersonalDataReadLog readLog) {
        this.readLog = readLog;
        this.views = views;
        this.streams = streams;
        this.presenter = presenter;
        this.access = access;
        this.freshness = freshness;
        this.calendar = calendar;
    }

    /** The current view, after waiting for {@code minPosition} when given. */
    public ArtisanView current(String artisanId, Long minPosition) {
        Read read = readCurrent(artisanId, minPosition);
        return logged(presenter.present(read.state(), read.disclosure(), calendar.today(), null));
    }

    /**
     * The artisan as it was at {@code asOf}, folded from its events. Access follows where the artisan is now, as for
     * every read; the answer is 404 when it was not yet registered at that instant.
     */
    public ArtisanView asOf(String artisanId, Instant asOf, Long minPosition) {
        Read read = readAsOf(artisanId, asOf, minPosition);
        return logged(presenter.present(read.state(), read.disclosure(), calendar.dayOf(asOf), asOf));
    }

    /** A view that shows personal data in clear is served only once its read is in the log. */
    private ArtisanView logged(ArtisanView view) {
        List<String> shownInClear = view.shownInClear();
        if (!shownInClear.isEmpty()) {
            readLog.record(view.artisanId(), shownInClear);
        }
        return view;
    }

    /** The current state for other read features (eligibility), with the same access check and freshness wait. */
    public ArtisanState currentState(String artisanId, Long minPosition) {
        return readCurrent(artisanId, minPosition).state();
    }

    /** The state at {@code asOf} for other read features, with the same access check. */
    public ArtisanState stateAsOf(String artisanId, Instant asOf, Long minPosition) {
        return readAsOf(artisanId, asOf, minPosition).state();
    }

    private Read readCurrent(String artisanId, Long minPosition) {
        access.requireArtisanReader();
        freshness.await(ArtisanProjection.PROCESSING_GROUP, minPosition);
        ArtisanState state = views.find(artisanId).orElseThrow(() -> notFound(artisanId));
        return new Read(state, access.requireArtisanRead(state.regionCode()));
    }

    /** Reads the store directly, so {@code minPosition} only has to be in the store, not in a projection. */
    private Read readAsOf(String artisanId, Instant asOf, Long minPosition) {
        access.requireArtisanReader();
        freshness.awaitStore(minPosition);
        ArtisanStream stream = streams.read(artisanId).orElseThrow(() -> notFound(artisanId));
        ArtisanState now = stream.current().orElseThrow(() -> notFound(artisanId));
        Disclosure disclosure = access.requireArtisanRead(now.regionCode());
        ArtisanState then = stream.asOf(asOf).orElseThrow(() -> new NotFoundException(
                "Artisan " + artisanId + " was not yet registered at " + asOf));
        return new Read(then, disclosure);
    }

    private record Read(ArtisanState state, Disclosure disclosure) {
    }

    static NotFoundException notFound(String artisanId) {
        return new NotFoundException("No artisan is registered under " + artisanId);
    }
}
