package ma.crafts.register.query.body;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import ma.crafts.register.errors.InvalidInputException;
import ma.crafts.register.errors.InvalidInputException.FieldProblem;
import ma.crafts.register.errors.NotFoundException;
import ma.crafts.register.query.ProjectionFreshness;
import ma.crafts.register.query.QueryParameters;
import ma.crafts.register.query.QueryParameters.Paging;
import ma.crafts.register.query.QueryProcessors;
import ma.crafts.register.query.ReadAccess;
import ma.crafts.register.query.audit.ActorHistories;
import ma.crafts.register.query.audit.HistoryPage;
import ma.crafts.register.query.audit.HistoryQuery;
import ma.crafts.register.query.body.mongo.BodyRepository;
import ma.crafts.register.query.reference.ReferenceCatalog;
import ma.crafts.register.reference.Geography;

/**
 * Reads professional bodies: one with a page of its members or as it was at an instant, its history, or the body of a
 * branch and territory.
 */
public class BodyQueries {

    private static final String KIND = "professional body";

    private final BodyRepository repository;
    private final ReadAccess access;
    private final ProjectionFreshness freshness;
    private final ReferenceCatalog reference;
    private final ActorHistories histories;

    public BodyQueries(BodyRepository repository, ReadAccess access, ProjectionFreshness freshness,
                       ReferenceCatalog reference, ActorHistories histories) {
        this.repository = repository;
        this.access = access;
        this.freshness = freshness;
        this.reference = reference;
        this.histories = histories;
    }

    /** The view; with {@code asOf}, the body's own record rebuilt from its stream instead (see {@link #asOf}). */
    public BodyView body(String bodyId, String page, String size, String minPosition, String asOf) {
        List<FieldProblem> problems = new ArrayList<>();
        String id = QueryParameters.collecting(problems, () -> QueryParameters.identifier("id", bodyId), null);
        Paging paging = QueryParameters.paging(problems, page, size, minPosition);
        Instant at = QueryParameters.collecting(problems, () -> QueryParameters.asOf(asOf), null);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        access.requireAnyReader();
        freshness.await(QueryProcessors.ARTISAN_PROJECTIONS, paging.minPosition());
        if (at != null) {
            return asOf(id, at);
        }
        Optional<BodyRecord> found = repository.find(id);
        // An unknown body is of no region a clerk can show is its own: refused like another region's, in the same
        // words, so that the answer does not tell which bodies other regions have constituted. Other roles get 404.
        access.requireBodyRead(found.map(BodyRecord::regionCode).orElse(null));
        BodyRecord body = found
                .orElseThrow(() -> new NotFoundException("No professional body is constituted under " + id));
        long offset = (long) paging.page() * paging.size();
        return BodyView.of(body, new BodyView.Members(repository.members(id, offset, paging.size()), paging.page(),
                paging.size(), body.memberCount()));
    }

    /**
     * The body as its stream recorded it up to {@code at}, with the children whose own streams recorded their
     * affiliation to it by then. Its members are recorded in the artisans' streams, which this does not replay: they
     * are left out rather than shown as they are now.
     */
    private BodyView asOf(String id, Instant at) {
        Optional<FoldedBody> folded = histories.asOf(id, at, BodyFolding::apply);
        Optional<BodyRecord> now = repository.find(id);
        // Judged by the region the body has (now, for a clerk asking about a time before it was constituted), so that
        // an answer before the constitution does not tell another region's clerk that the body exists.
        access.requireBodyRead(folded.map(FoldedBody::regionCode).or(() -> now.map(BodyRecord::regionCode))
                .orElse(null));
        FoldedBody body = folded.orElseThrow(
                () -> new NotFoundException("No professional body was constituted under " + id + " at " + at));
        List<String> children = now.map(BodyRecord::childBodyIds).orElse(List.of()).stream()
                .filter(child -> histories.asOf(child, at, BodyFolding::apply)
                        .map(FoldedBody::parentBodyId).filter(id::equals).isPresent())
                .toList();
        return BodyView.asOf(body, children);
    }

    /** The body's own events, paged like an actor's history, for whoever may read the body. */
    public HistoryPage history(String bodyId, HistoryQuery query) {
        return histories.history(KIND, bodyId, query, BodyFolding::apply, FoldedBody::regionCode,
                new ActorHistories.Readers(access::requireAnyReader, access::requireBodyRead));
    }

    public BodySummary.Listing byBranchAndTerritory(String branchCode, String territoryCode, String minPosition) {
        List<FieldProblem> problems = new ArrayList<>();
        String branch = QueryParameters.collecting(problems, () -> required("branchCode", branchCode), null);
        String territory = QueryParameters.collecting(problems, () -> required("territoryCode", territoryCode), null);
        Long position = QueryParameters.collecting(problems, () -> QueryParameters.minPosition(minPosition), null);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        // Judged by the territory asked about, before looking: whether a body exists there stays unsaid.
        access.requireBodyRead(regionOf(territory));
        freshness.await(QueryProcessors.ARTISAN_PROJECTIONS, position);
        Optional<BodyRecord> body = repository.findByBranchAndTerritory(branch, territory);
        List<BodySummary> items = body.map(BodySummary::of).stream().toList();
        return new BodySummary.Listing(items, items.size());
    }

    /** The region of a province or region code; null for {@code MA} (the national level) and unknown codes. */
    private String regionOf(String territoryCode) {
        Geography geography = reference.geography();
        return geography.region(territoryCode).map(Geography.Region::code)
                .or(() -> geography.province(territoryCode).map(Geography.Province::regionCode))
                .orElse(null);
    }

    private static String required(String field, String raw) {
        String value = QueryParameters.optional(raw);
        if (value == null) {
            throw new InvalidInputException(field, "is required");
        }
        return QueryParameters.identifier(field, value);
    }
}
