package ma.crafts.register.query.cooperative;

import ma.crafts.register.query.ActorReads;
import ma.crafts.register.query.ActorRegistration;
import ma.crafts.register.query.cooperative.mongo.CooperativeRepository;

/** Reads one cooperative, for the readers of its region as for an artisan's. */
public class CooperativeQueries {

    private final CooperativeRepository repository;
    private final ActorReads reads;

    public CooperativeQueries(CooperativeRepository repository, ActorReads reads) {
        this.repository = repository;
        this.reads = reads;
    }

    public CooperativeView view(String cooperativeId, Long minPosition) {
        ActorReads.Read<CooperativeRecord> read = reads.read("cooperative", cooperativeId, minPosition,
                repository::find, CooperativeRecord::registration);
        ActorRegistration r = read.registration();
        return new CooperativeView(r.actorId(), r.nia(), read.record().status(), r.name(), r.provinceCode(), r.regionCode(),
                r.activityCodes(), r.branchCodes(), r.representativeGender(), read.representative(), read.masked(),
                read.representative() == null, read.record().version(), read.record().position());
    }
}
