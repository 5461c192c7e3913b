package ma.crafts.register.query.artisan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import ma.crafts.register.errors.InvalidInputException;
import ma.crafts.register.errors.InvalidInputException.FieldProblem;
import ma.crafts.register.query.ProjectionFreshness;
import ma.crafts.register.query.QueryParameters;
import ma.crafts.register.query.ReadAccess;
import ma.crafts.register.query.RegisterCalendar;
import ma.crafts.register.query.mongo.ArtisanSearchIndex;
import ma.crafts.register.query.artisan.mongo.ArtisanViewRepository;
import ma.crafts.register.query.reference.ReferenceCatalog;
import ma.crafts.register.values.ArtisanStatus;

/**
 * Searches artisans by territory, branch and status through the bucket index: a page costs a directory lookup, one
 * {@code $in} over member chunks and one {@code $in} over the view, however many artisans the register holds.
 */
public class ArtisanSearch {

    private final ArtisanSearchIndex index;
    private final ArtisanViewRepository views;
    private final ReferenceCatalog reference;
    private final ReadAccess access;
    private final ProjectionFreshness freshness;
    private final RegisterCalendar calendar;

    public ArtisanSearch(ArtisanSearchIndex index, ArtisanViewRepository views, ReferenceCatalog reference,
                         ReadAccess access, ProjectionFreshness freshness, RegisterCalendar calendar) {
        this.index = index;
        this.views = views;
        this.reference = reference;
        this.access = access;
        this.freshness = freshness;
        this.calendar = calendar;
    }

    /** Raw query parameters in, a page out; every malformed parameter is reported in one 400. */
    public ArtisanSearchPage search(String regionCode, String provinceCode, String branchCode, String status,
                                    String page, String size, String minPosition) {
        List<FieldProblem> problems = new ArrayList<>();
        SearchFilters filters = SearchFilters.parse(reference, problems, regionCode, provinceCode, branchCode);
        ArtisanStatus artisanStatus = null;
        String statusText = QueryParameters.optional(status);
        if (statusText != null) {
            try {
                artisanStatus = ArtisanStatus.valueOf(statusText);
            } catch (IllegalArgumentException e) {
                problems.add(new FieldProblem("status", "must be one of " + List.of(ArtisanStatus.values())));
            }
        }
        QueryParameters.Paging paging = QueryParameters.paging(problems, page, size, minPosition);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }

        String effectiveRegion = access.searchRegion(filters.regionCode());
        freshness.await(ArtisanProjection.PROCESSING_GROUP, paging.minPosition());
        String key = ArtisanSearchKeys.key(effectiveRegion, filters.provinceCode(), filters.branchCode(), artisanStatus);
        ArtisanSearchIndex.BucketPage bucket = index.page(key, paging.page(), paging.size());
        Map<String, ArtisanState> found = views.findAll(bucket.artisanIds());
        List<ArtisanSummary> items = new ArrayList<>(bucket.artisanIds().size());
        var today = calendar.today();
        for (String id : bucket.artisanIds()) {
            ArtisanState state = found.get(id);
            if (state != null) {
                items.add(ArtisanSummary.of(state, today));
            }
        }
        return new ArtisanSearchPage(items, paging.page(), paging.size(), bucket.total());
    }
}
