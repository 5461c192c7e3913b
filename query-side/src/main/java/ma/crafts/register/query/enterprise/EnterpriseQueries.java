package ma.crafts.register.query.enterprise;

import ma.crafts.register.errors.NotFoundException;
import ma.crafts.register.platform.privacy.PersonalDataVault;
import ma.crafts.register.query.ActorRegistration;
import ma.crafts.register.query.PersonalDetails;
import ma.crafts.register.query.ProjectionFreshness;
import ma.crafts.register.query.QueryProcessors;
import ma.crafts.register.query.ReadAccess;
import ma.crafts.register.query.ReadAccess.Disclosure;
import ma.crafts.register.query.enterprise.mongo.EnterpriseRepository;

/** Reads one enterprise, for the readers of its region as for an artisan's. */
public class EnterpriseQueries {

    private final EnterpriseRepository repository;
    private final PersonalDataVault vault;
    private final ReadAccess access;
    private final ProjectionFreshness freshness;

    public EnterpriseQueries(EnterpriseRepository repository, PersonalDataVault vault, ReadAccess access,
                             ProjectionFreshness freshness) {
        this.repository = repository;
        this.vault = vault;
        this.access = access;
        this.freshness = freshness;
    }

    public EnterpriseView view(String enterpriseId, Long minPosition) {
        access.requireArtisanReader();
        freshness.await(QueryProcessors.ARTISAN_PROJECTIONS, minPosition);
        EnterpriseRecord record = repository.find(enterpriseId).orElseThrow(() -> new NotFoundException(
                "No enterprise is registered under " + enterpriseId));
        ActorRegistration r = record.registration();
        Disclosure disclosure = access.requireArtisanRead(r.regionCode());
        PersonalDetails representative = PersonalDetails.open(vault, r.representative(), disclosure);
        return new EnterpriseView(r.actorId(), r.nia(), r.name(), r.provinceCode(), r.regionCode(),
                r.activityCodes(), r.branchCodes(), record.supervisingArtisanId(),
                record.nonComplianceCause() == null, record.nonComplianceCause(), r.representativeGender(),
                representative, disclosure == Disclosure.MASKED, representative == null, record.version(),
                record.position());
    }
}
