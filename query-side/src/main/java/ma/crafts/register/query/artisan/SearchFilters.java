package ma.crafts.register.query.artisan;

import java.util.List;
import ma.crafts.register.errors.InvalidInputException.FieldProblem;
import ma.crafts.register.query.QueryParameters;
import ma.crafts.register.query.reference.ReferenceCatalog;
import ma.crafts.register.reference.Geography;

/**
 * The territory and branch filters of a search of artisans, checked against the reference data. A province names
 * its region too, so a search by province alone is still held to a clerk's region.
 */
public record SearchFilters(String regionCode, String provinceCode, String branchCode) {

    /** Raw parameters in; each malformed one is added to {@code problems}. */
    public static SearchFilters parse(ReferenceCatalog reference, List<FieldProblem> problems, String regionCode,
                                      String provinceCode, String branchCode) {
        String region = QueryParameters.optional(regionCode);
        String province = QueryParameters.optional(provinceCode);
        String branch = QueryParameters.optional(branchCode);
        Geography geography = reference.geography();
        if (region != null && geography.region(region).isEmpty()) {
            problems.add(new FieldProblem("regionCode", "unknown region " + region + " (expected MA-01 to MA-12)"));
        }
        if (province != null) {
            Geography.Province p = geography.province(province).orElse(null);
            if (p == null) {
                problems.add(new FieldProblem("provinceCode", "unknown prefecture or province " + province));
            } else if (region != null && !p.regionCode().equals(region)) {
                problems.add(new FieldProblem("provinceCode", province + " is not in region " + region));
            } else {
                region = p.regionCode();
            }
        }
        if (branch != null && reference.nomenclature().branch(branch).isEmpty()) {
            problems.add(new FieldProblem("branchCode", "unknown branch " + branch));
        }
        return new SearchFilters(region, province, branch);
    }
}
