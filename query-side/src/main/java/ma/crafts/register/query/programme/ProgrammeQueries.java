package ma.crafts.register.query.programme;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import ma.crafts.register.errors.NotFoundException;
import ma.crafts.register.query.ProjectionFreshness;
import ma.crafts.register.query.QueryProcessors;
import ma.crafts.register.query.ReadAccess;
import ma.crafts.register.query.RegisterCalendar;
import ma.crafts.register.query.programme.mongo.ProgrammeRepository;

/** The programmes and their versions, for every authenticated role, and the versions in force at an instant. */
public class ProgrammeQueries {

    private final ProgrammeRepository repository;
    private final ReadAccess access;
    private final ProjectionFreshness freshness;
    private final RegisterCalendar calendar;

    public ProgrammeQueries(ProgrammeRepository repository, ReadAccess access, ProjectionFreshness freshness,
                            RegisterCalendar calendar) {
        this.repository = repository;
        this.access = access;
        this.freshness = freshness;
        this.calendar = calendar;
    }

    public List<ProgrammeView> all(Long minPosition) {
        access.requireAnyReader();
        freshness.await(QueryProcessors.ARTISAN_PROJECTIONS, minPosition);
        Instant now = calendar.now();
        return repository.all().stream().map(history -> ProgrammeView.of(history, now)).toList();
    }

    public ProgrammeView one(String programId, Long minPosition) {
        return ProgrammeView.of(history(programId, minPosition), calendar.now());
    }

    public List<ProgrammeVersion> versions(String programId, Long minPosition) {
        return history(programId, minPosition).versions();
    }

    /** The version of each programme in force at {@code instant}; a programme whose first version starts later has none. */
    public List<ProgrammeVersion> inForceAt(Instant instant) {
        return repository.all().stream().map(history -> history.inForceAt(instant)).flatMap(Optional::stream).toList();
    }

    /** One programme's history with no caller to check (the caller has checked); empty for an unknown programme. */
    public Optional<ProgrammeHistory> findHistory(String programId) {
        return repository.find(programId);
    }

    private ProgrammeHistory history(String programId, Long minPosition) {
        access.requireAnyReader();
        freshness.await(QueryProcessors.ARTISAN_PROJECTIONS, minPosition);
        return repository.find(programId).orElseThrow(() -> new NotFoundException("No programme " + programId));
    }
}
