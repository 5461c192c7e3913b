package ma.crafts.register.query.cooperative;

import java.time.Instant;
import ma.crafts.register.query.ActorReads;
import ma.crafts.register.query.ActorRegistration;
import ma.crafts.register.query.audit.ActorHistories;
import ma.crafts.register.query.audit.HistoryPage;
import ma.crafts.register.query.audit.HistoryQuery;
import ma.crafts.register.query.cooperative.mongo.CooperativeRepository;

/** Reads one cooperative, now or as it was, and its history, for the readers of its region as for an artisan's. */
public class CooperativeQueries {

    private static final String KIND = "cooperative";

    private final CooperativeRepository repository;
    private final ActorReads reads;
    private final ActorHistories histories;

    public CooperativeQueries(CooperativeRepository repository, ActorReads reads, ActorHistories histories) {
        this.repository = repository;
        this.reads = reads;
        this.histories = histories;
    }

    /** The view; with {@code asOf}, rebuilt from the events recorded up to then instead of read from the projection. */
    public CooperativeView view(String cooperativeId, Instant asOf, Long minPosition) {
        ActorReads.Read<CooperativeRecord> read = reads.read(KIND, cooperativeId, minPosition,
                asOf == null ? repository::find : id -> histories.asOf(id, asOf, CooperativeFolding::apply),
                CooperativeRecord::registration);
        ActorRegistration r = read.registration();
        return new CooperativeView(r.actorId(), r.nia(), read.record().status(), r.name(), r.provinceCode(), r.regionCode(),
                r.activityCodes(), r.branchCodes(), r.representativeGender(), read.representative(), read.masked(),
                read.representative() == null, read.record().version(), read.record().position());
    }

    public HistoryPage history(String cooperativeId, HistoryQuery query) {
        return histories.history(KIND, cooperativeId, query, CooperativeFolding::apply,
                cooperative -> cooperative.registration().regionCode());
    }
}
