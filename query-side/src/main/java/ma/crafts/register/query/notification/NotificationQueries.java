package ma.crafts.register.query.notification;

import java.util.ArrayList;
import java.util.List;
import ma.crafts.register.errors.InvalidInputException;
import ma.crafts.register.errors.InvalidInputException.FieldProblem;
import ma.crafts.register.query.ProjectionFreshness;
import ma.crafts.register.query.QueryParameters;
import ma.crafts.register.query.ReadAccess;
import ma.crafts.register.query.notification.mongo.NotificationRepository;
import ma.crafts.register.query.reference.ReferenceCatalog;

/**
 * Lists a chamber's notices. Scoped like artisan search: a clerk reads its own region's notices only (by default, and
 * 403 for another region); national roles read any region, or all of them.
 */
public class NotificationQueries {

    private final NotificationRepository repository;
    private final ReferenceCatalog reference;
    private final ReadAccess access;
    private final ProjectionFreshness freshness;

    public NotificationQueries(NotificationRepository repository, ReferenceCatalog reference, ReadAccess access,
                               ProjectionFreshness freshness) {
        this.repository = repository;
        this.reference = reference;
        this.access = access;
        this.freshness = freshness;
    }

    /** Raw query parameters in, a page out; every malformed parameter is reported in one 400. */
    public NotificationPage list(String regionCode, String page, String size, String minPosition) {
        List<FieldProblem> problems = new ArrayList<>();
        String region = QueryParameters.optional(regionCode);
        if (region != null && reference.geography().region(region).isEmpty()) {
            problems.add(new FieldProblem("regionCode", "unknown region " + region + " (expected MA-01 to MA-12)"));
        }
        QueryParameters.Paging paging = QueryParameters.paging(problems, page, size, minPosition);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }

        String effectiveRegion = access.searchRegion(region);
        freshness.await(NotificationProjection.PROCESSING_GROUP, paging.minPosition());
        NotificationRepository.Page found = repository.page(effectiveRegion, paging.page(), paging.size());
        return new NotificationPage(found.items(), paging.page(), paging.size(), found.total());
    }
}
