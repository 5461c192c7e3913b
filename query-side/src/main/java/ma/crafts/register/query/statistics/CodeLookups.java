package ma.crafts.register.query.statistics;

import ma.crafts.register.query.reference.ReferenceCatalog;
import ma.crafts.register.reference.Geography;
import ma.crafts.register.reference.Nomenclature;

/** The region of a province and the category of a branch, which the counts leave out of their keys. */
public record CodeLookups(ReferenceCatalog catalog) {

    public String regionOf(String provinceCode) {
        return provinceCode == null ? ActorProfile.NONE : catalog.geography().province(provinceCode)
                .map(Geography.Province::regionCode).orElse(ActorProfile.NONE);
    }

    public String categoryOf(String branchCode) {
        return branchCode == null ? ActorProfile.NONE : catalog.nomenclature().branch(branchCode)
                .map(Nomenclature.Branch::categoryCode).orElse(ActorProfile.NONE);
    }
}
