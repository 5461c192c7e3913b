package ma.crafts.register.query.enterprise;

import java.time.Instant;
import ma.crafts.register.query.ActorReads;
import ma.crafts.register.query.ActorRegistration;
import ma.crafts.register.query.audit.ActorHistories;
import ma.crafts.register.query.audit.HistoryPage;
import ma.crafts.register.query.audit.HistoryQuery;
import ma.crafts.register.query.enterprise.mongo.EnterpriseRepository;

/** Reads one enterprise, now or as it was, and its history, for the readers of its region as for an artisan's. */
public class EnterpriseQueries {

    private static final String KIND = "enterprise";

    private final EnterpriseRepository repository;
    private final ActorReads reads;
    private final ActorHistories histories;

    public EnterpriseQueries(EnterpriseRepository repository, ActorReads reads, ActorHistories histories) {
        this.repository = repository;
        this.reads = reads;
        this.histories = histories;
    }

    /** The view; with {@code asOf}, rebuilt from the events recorded up to then instead of read from the projection. */
    public EnterpriseView view(String enterpriseId, Instant asOf, Long minPosition) {
        ActorReads.Read<EnterpriseRecord> read = reads.read(KIND, enterpriseId, minPosition,
                asOf == null ? repository::find : id -> histories.asOf(id, asOf, EnterpriseFolding::apply),
                EnterpriseRecord::registration);
        ActorRegistration r = read.registration();
        EnterpriseRecord record = read.record();
        return new EnterpriseView(r.actorId(), r.nia(), record.status(), r.name(), r.provinceCode(), r.regionCode(),
                r.activityCodes(), r.branchCodes(), record.supervisingArtisanId(),
                record.nonComplianceCause() == null, record.nonComplianceCause(), r.representativeGender(),
                read.representative(), read.masked(), read.representative() == null, record.version(),
                record.position());
    }

    public HistoryPage history(String enterpriseId, HistoryQuery query) {
        return histories.history(KIND, enterpriseId, query, EnterpriseFolding::apply,
                enterprise -> enterprise.registration().regionCode());
    }
}
