package ma.crafts.register.query.enterprise;

import ma.crafts.register.query.ActorReads;
import ma.crafts.register.query.ActorRegistration;
import ma.crafts.register.query.enterprise.mongo.EnterpriseRepository;

/** Reads one enterprise, for the readers of its region as for an artisan's. */
public class EnterpriseQueries {

    private final EnterpriseRepository repository;
    private final ActorReads reads;

    public EnterpriseQueries(EnterpriseRepository repository, ActorReads reads) {
        this.repository = repository;
        this.reads = reads;
    }

    public EnterpriseView view(String enterpriseId, Long minPosition) {
        ActorReads.Read<EnterpriseRecord> read = reads.read("enterprise", enterpriseId, minPosition,
                repository::find, EnterpriseRecord::registration);
        ActorRegistration r = read.registration();
        EnterpriseRecord record = read.record();
        return new EnterpriseView(r.actorId(), r.nia(), record.status(), r.name(), r.provinceCode(), r.regionCode(),
                r.activityCodes(), r.branchCodes(), record.supervisingArtisanId(),
                record.nonComplianceCause() == null, record.nonComplianceCause(), r.representativeGender(),
                read.representative(), read.masked(), read.representative() == null, record.version(),
                record.position());
    }
}
