package ma.crafts.register.query.cooperative;

import ma.crafts.register.errors.NotFoundException;
import ma.crafts.register.platform.privacy.PersonalDataVault;
import ma.crafts.register.query.ActorRegistration;
import ma.crafts.register.query.PersonalDetails;
import ma.crafts.register.query.ProjectionFreshness;
import ma.crafts.register.query.QueryProcessors;
import ma.crafts.register.query.ReadAccess;
import ma.crafts.register.query.ReadAccess.Disclosure;
import ma.crafts.register.query.cooperative.mongo.CooperativeRepository;

/** Reads one cooperative, for the readers of its region as for an artisan's. */
public class CooperativeQueries {

    private final CooperativeRepository repository;
    private final PersonalDataVault vault;
    private final ReadAccess access;
    private final ProjectionFreshness freshness;

    public CooperativeQueries(CooperativeRepository repository, PersonalDataVault vault, ReadAccess access,
                              ProjectionFreshness freshness) {
        this.repository = repository;
        this.vault = vault;
        this.access = access;
        this.freshness = freshness;
    }

    public CooperativeView view(String cooperativeId, Long minPosition) {
        access.requireArtisanReader();
        freshness.await(QueryProcessors.ARTISAN_PROJECTIONS, minPosition);
        CooperativeRecord record = repository.find(cooperativeId).orElseThrow(() -> new NotFoundException(
                "No cooperative is registered under " + cooperativeId));
        ActorRegistration r = record.registration();
        Disclosure disclosure = access.requireArtisanRead(r.regionCode());
        PersonalDetails representative = PersonalDetails.open(vault, r.representative(), disclosure);
        return new CooperativeView(r.actorId(), r.nia(), r.name(), r.provinceCode(), r.regionCode(),
                r.activityCodes(), r.branchCodes(), r.representativeGender(), representative,
                disclosure == Disclosure.MASKED, representative == null, record.version(), record.position());
    }
}
