package ma.crafts.register.query.statistics;

import ma.crafts.register.query.CountGroup;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import ma.crafts.register.errors.InvalidInputException;
import ma.crafts.register.query.artisan.ArtisanSearchKeys;
import ma.crafts.register.query.eligibility.EligibilityModel;
import ma.crafts.register.query.reference.ReferenceCatalog;
import ma.crafts.register.query.statistics.mongo.StatisticsStore;
import ma.crafts.register.reference.Geography;
import ma.crafts.register.reference.Nomenclature;

/**
 * The {@code eligibleFor} dimension: actors eligible for each programme, served from the eligibility read model's own
 * pre-aggregated counts (its public reads: the version readers are served, and that version's count per search key),
 * so that the statistics say what {@code /programmes/{programId}/eligible/count} says, and a revision moves them only
 * once every actor has been judged by it. Those counts are kept by territory and branch, so {@code eligibleFor}
 * combines with {@code regionCode}, {@code provinceCode} and {@code branchCode} only, and for today only (the model
 * keeps no past verdicts). An actor eligible for two programmes counts in both groups; the total adds the groups.
 */
public class EligibleCounting {

    /** The dimensions a count of eligible actors can group and filter by. */
    public static final Set<Dimension> DIMENSIONS = EnumSet.of(Dimension.ELIGIBLE_FOR, Dimension.REGION,
            Dimension.PROVINCE, Dimension.BRANCH);

    private final EligibilityModel model;
    private final Supplier<List<String>> programmes;
    private final StatisticsStore store;
    private final ReferenceCatalog catalog;

    /** {@code programmes} gives the ids of the programmes defined. */
    public EligibleCounting(EligibilityModel model, Supplier<List<String>> programmes, StatisticsStore store,
                            ReferenceCatalog catalog) {
        this.model = model;
        this.programmes = programmes;
        this.store = store;
        this.catalog = catalog;
    }

    /** The eligible actors of {@code request}, which groups or filters by {@link Dimension#ELIGIBLE_FOR}. */
    public ActorStatistics count(StatisticsRequest request) {
        for (Dimension dimension : request.dimensions()) {
            if (!DIMENSIONS.contains(dimension)) {
                throw new InvalidInputException(dimension.apiName(), "eligibleFor combines with regionCode, "
                        + "provinceCode and branchCode only");
            }
        }
        long position = store.position();
        List<CountGroup> groups = new ArrayList<>();
        long total = 0;
        for (String programId : programIds(request.filter(Dimension.ELIGIBLE_FOR))) {
            Optional<Integer> version = model.readableVersion(programId);
            if (version.isEmpty()) {
                continue;
            }
            for (Map<Dimension, String> place : places(request)) {
                long count = model.count(programId, version.get(), ArtisanSearchKeys.key(
                        place.get(Dimension.REGION), place.get(Dimension.PROVINCE), place.get(Dimension.BRANCH), null));
                if (count > 0) {
                    Map<String, String> key = new LinkedHashMap<>();
                    request.groupBy().forEach(dimension -> key.put(dimension.apiName(),
                            dimension == Dimension.ELIGIBLE_FOR ? programId : place.get(dimension)));
                    groups.add(new CountGroup(key, count));
                    total += count;
                }
            }
        }
        return new ActorStatistics(groups, total, position);
    }

    private List<String> programIds(String programId) {
        List<String> defined = programmes.get().stream().sorted().toList();
        if (programId == null) {
            return defined;
        }
        if (!defined.contains(programId)) {
            throw new InvalidInputException(Dimension.ELIGIBLE_FOR.apiName(), "unknown programme " + programId);
        }
        return List.of(programId);
    }

    /** Every combination of the territorial and branch values the request groups by, with its filters. */
    private List<Map<Dimension, String>> places(StatisticsRequest request) {
        List<Map<Dimension, String>> places = new ArrayList<>();
        Map<Dimension, String> filtered = new EnumMap<>(Dimension.class);
        request.filters().forEach((dimension, value) -> {
            if (dimension != Dimension.ELIGIBLE_FOR) {
                filtered.put(dimension, value);
            }
        });
        places.add(filtered);
        for (Dimension dimension : request.groupBy()) {
            if (dimension == Dimension.ELIGIBLE_FOR) {
                continue;
            }
            List<Map<Dimension, String>> expanded = new ArrayList<>();
            for (Map<Dimension, String> place : places) {
                List<String> values = place.containsKey(dimension) ? List.of(place.get(dimension))
                        : values(dimension, place.get(Dimension.REGION));
                for (String value : values) {
                    Map<Dimension, String> more = new EnumMap<>(place);
                    more.put(dimension, value);
                    expanded.add(more);
                }
            }
            places = expanded;
        }
        return places;
    }

    private List<String> values(Dimension dimension, String region) {
        Geography geography = catalog.geography();
        return switch (dimension) {
            case REGION -> geography.regions().stream().map(Geography.Region::code).toList();
            case PROVINCE -> (region == null ? geography.provinces() : geography.provincesOf(region)).stream()
                    .map(Geography.Province::code).toList();
            default -> catalog.nomenclature().branches().stream().map(Nomenclature.Branch::code).toList();
        };
    }
}
