package ma.crafts.register.query.eligibility;

import ma.crafts.register.query.CountGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ma.crafts.register.errors.InvalidInputException;
import ma.crafts.register.errors.InvalidInputException.FieldProblem;
import ma.crafts.register.errors.NotFoundException;
import ma.crafts.register.query.QueryParameters;
import ma.crafts.register.query.ReadAccess;
import ma.crafts.register.query.artisan.ArtisanSearchKeys;
import ma.crafts.register.query.artisan.ArtisanState;
import ma.crafts.register.query.artisan.SearchFilters;
import ma.crafts.register.query.programme.ProgrammeQueries;
import ma.crafts.register.query.reference.ReferenceCatalog;
import ma.crafts.register.reference.Geography;
import ma.crafts.register.reference.Nomenclature;

/**
 * Who is eligible for a programme, listed and counted from the model, for the version readers are served: a list or
 * a count never mixes two versions, and moves to a revision only once every actor has been judged by it. Clerks see
 * their own region only.
 */
public class EligibleActors {

    /** The dimensions a count may be grouped by. */
    public static final List<String> GROUP_BY = List.of("regionCode", "provinceCode", "branchCode");

    private final EligibilityModel model;
    private final ProgrammeQueries programmes;
    private final ReferenceCatalog reference;
    private final ReadAccess access;

    public EligibleActors(EligibilityModel model, ProgrammeQueries programmes, ReferenceCatalog reference,
                          ReadAccess access) {
        this.model = model;
        this.programmes = programmes;
        this.reference = reference;
        this.access = access;
    }

    public EligibleActorPage list(String programId, String regionCode, String provinceCode, String branchCode,
                                  String page, String size) {
        List<FieldProblem> problems = new ArrayList<>();
        SearchFilters filters = SearchFilters.parse(reference, problems, regionCode, provinceCode, branchCode);
        QueryParameters.Paging paging = QueryParameters.paging(problems, page, size, null);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        String region = access.searchRegion(filters.regionCode());
        Optional<Integer> version = servedVersion(programId);
        if (version.isEmpty()) {
            return new EligibleActorPage(List.of(), paging.page(), paging.size(), 0);
        }
        String key = ArtisanSearchKeys.key(region, filters.provinceCode(), filters.branchCode(), null);
        EligibilityModel.EligiblePage found = model.eligible(programId, version.get(), key, paging.page(),
                paging.size());
        List<EligibleActor> items = found.records().stream()
                .map(record -> actor(record, version.get())).toList();
        return new EligibleActorPage(items, paging.page(), paging.size(), found.total());
    }

    public EligibleCount count(String programId, String groupBy) {
        String dimension = QueryParameters.optional(groupBy);
        if (dimension == null || !GROUP_BY.contains(dimension)) {
            throw new InvalidInputException(List.of(new FieldProblem("groupBy", "must be one of " + GROUP_BY)));
        }
        String region = access.searchRegion(null);
        Optional<Integer> version = servedVersion(programId);
        if (version.isEmpty()) {
            return new EligibleCount(programId, null, dimension, List.of(), 0);
        }
        List<CountGroup> groups = new ArrayList<>();
        for (String value : values(dimension, region)) {
            String key = switch (dimension) {
                case "regionCode" -> ArtisanSearchKeys.key(value, null, null, null);
                case "provinceCode" -> ArtisanSearchKeys.key(null, value, null, null);
                default -> ArtisanSearchKeys.key(region, null, value, null);
            };
            long count = model.count(programId, version.get(), key);
            if (count > 0) {
                groups.add(new CountGroup(Map.of(dimension, value), count));
            }
        }
        // Every actor has a region, a province and a branch of the reference data, so the groups partition the
        // eligible actors: their sum is the total, and it cannot disagree with them, as a count read after them could
        // when a verdict lands between the reads.
        long total = groups.stream().mapToLong(CountGroup::count).sum();
        return new EligibleCount(programId, version.get(), dimension, groups, total);
    }

    /** The values of a dimension within a clerk's region, or nationwide. */
    private List<String> values(String dimension, String region) {
        Geography geography = reference.geography();
        return switch (dimension) {
            case "regionCode" -> geography.regions().stream().map(Geography.Region::code)
                    .filter(code -> region == null || code.equals(region)).toList();
            case "provinceCode" -> geography.provinces().stream()
                    .filter(p -> region == null || p.regionCode().equals(region)).map(Geography.Province::code).toList();
            default -> reference.nomenclature().branches().stream().map(Nomenclature.Branch::code).toList();
        };
    }

    /** 404 for an unknown programme; the version readers are served, empty while there is none. */
    private Optional<Integer> servedVersion(String programId) {
        String id = QueryParameters.identifier("programId", programId);
        if (programmes.findHistory(id).isEmpty()) {
            throw new NotFoundException("No programme " + id);
        }
        return model.readableVersion(id);
    }

    private static EligibleActor actor(EligibilityRecord record, int version) {
        ArtisanState state = record.state();
        return new EligibleActor(state.artisanId(), record.kind(), state.nia(), state.regionCode(),
                state.provinceCode(), state.branchCode(), version);
    }
}
