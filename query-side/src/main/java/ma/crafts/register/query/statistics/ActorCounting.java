package ma.crafts.register.query.statistics;

import ma.crafts.register.query.CountGroup;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import ma.crafts.register.errors.InvalidInputException;
import ma.crafts.register.query.reference.ReferenceCatalog;
import ma.crafts.register.query.statistics.mongo.StatisticsStore;
import ma.crafts.register.reference.Geography;

/**
 * Counts actors from the cells (docs/adr/0007): picks the family and the territorial scopes a request needs, reads
 * their documents by {@code _id}, and adds up the fields that match its filters into its groups. A stock as of a past
 * day comes from {@link StockAsOf}.
 */
public class ActorCounting {

    private final StatisticsStore store;
    private final StockAsOf stock;
    private final ReferenceCatalog catalog;
    private final CodeLookups codes;

    public ActorCounting(StatisticsStore store, ReferenceCatalog catalog) {
        this.store = store;
        this.stock = new StockAsOf(store);
        this.catalog = catalog;
        this.codes = new CodeLookups(catalog);
    }

    /** The groups of {@code request} at the end of {@code day}, which is {@code today} or before it. */
    public ActorStatistics count(StatisticsRequest request, LocalDate day, LocalDate today) {
        long position = store.position();
        List<String> documents = documentsFor(request);
        Map<List<String>, Long> groups = new HashMap<>();
        stock.at(day, today, documents).forEach((id, fields) -> fields.forEach((field, count) ->
                matching(request, day, CellLayout.decode(id, field, codes::regionOf)).ifPresent(key ->
                        groups.merge(key, count, Long::sum))));
        List<CountGroup> result = new ArrayList<>();
        long total = 0;
        List<Map.Entry<List<String>, Long>> sorted = new ArrayList<>(groups.entrySet());
        // Sorted once at the end: a sorted map compared its keys' texts at every one of the many additions.
        sorted.sort(Map.Entry.comparingByKey(Comparator.comparing(Object::toString)));
        for (Map.Entry<List<String>, Long> group : sorted) {
            if (group.getValue() == 0) {
                continue;
            }
            Map<String, String> key = new LinkedHashMap<>();
            for (int i = 0; i < request.groupBy().size(); i++) {
                key.put(request.groupBy().get(i).apiName(), group.getKey().get(i));
            }
            result.add(new CountGroup(key, group.getValue()));
            total += group.getValue();
        }
        return new ActorStatistics(result, total, position);
    }

    private Optional<List<String>> matching(StatisticsRequest request, LocalDate day,
                                                      Map<Dimension, String> values) {
        for (Map.Entry<Dimension, String> filter : request.filters().entrySet()) {
            if (!filter.getValue().equals(valueAt(values, filter.getKey(), day))) {
                return Optional.empty();
            }
        }
        List<String> key = new ArrayList<>(request.groupBy().size());
        for (Dimension dimension : request.groupBy()) {
            key.add(valueAt(values, dimension, day));
        }
        return Optional.of(key);
    }

    private static String valueAt(Map<Dimension, String> values, Dimension dimension, LocalDate day) {
        String value = values.getOrDefault(dimension, ActorProfile.NONE);
        if (dimension == Dimension.AGE_BAND) {
            return AgeBand.of(ActorProfile.NONE.equals(value) ? null : YearMonth.parse(value), day);
        }
        return value;
    }

    /**
     * The cell documents that hold every count the request needs, as few as its dimensions allow: the age family for
     * an age band, the summary family when no trade dimension is named, else the main family's documents per branch.
     */
    private List<String> documentsFor(StatisticsRequest request) {
        Set<Dimension> used = request.dimensions();
        CellLayout.Family family = used.contains(Dimension.AGE_BAND) ? CellLayout.Family.AGE
                : CellLayout.Family.SUMMARY.answers().containsAll(used) ? CellLayout.Family.SUMMARY
                : CellLayout.Family.MAIN;
        if (!family.answers().containsAll(used)) {
            throw new InvalidInputException(StatisticsRequest.GROUP_BY, "ageBand is counted with regionCode, "
                    + "provinceCode, actorKind, gender and status only; drop the other dimensions");
        }
        List<String> documents = new ArrayList<>();
        for (String scope : scopesFor(request)) {
            if (family == CellLayout.Family.MAIN) {
                for (String branch : branchesFor(request)) {
                    documents.add(CellLayout.mainDocument(scope, branch));
                }
            } else {
                documents.add(CellLayout.familyDocument(scope, family));
            }
        }
        return documents;
    }

    private Collection<String> scopesFor(StatisticsRequest request) {
        String region = request.filter(Dimension.REGION);
        String province = request.filter(Dimension.PROVINCE);
        Geography geography = catalog.geography();
        if (province != null) {
            return List.of(CellLayout.provinceScope(province));
        }
        if (request.groupBy().contains(Dimension.PROVINCE)) {
            List<Geography.Province> provinces = region == null ? geography.provinces() : geography.provincesOf(region);
            return provinces.stream().map(p -> CellLayout.provinceScope(p.code())).toList();
        }
        if (region != null) {
            return List.of(CellLayout.regionScope(region));
        }
        if (request.groupBy().contains(Dimension.REGION)) {
            return geography.regions().stream().map(r -> CellLayout.regionScope(r.code())).toList();
        }
        return List.of(CellLayout.nationalScope());
    }

    private Collection<String> branchesFor(StatisticsRequest request) {
        String branch = request.filter(Dimension.BRANCH);
        if (branch != null) {
            return List.of(branch);
        }
        Set<String> branches = new TreeSet<>(store.branches());
        branches.add(ActorProfile.NONE);
        return branches;
    }
}
