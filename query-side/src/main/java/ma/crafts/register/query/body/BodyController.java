package ma.crafts.register.query.body;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import ma.crafts.register.query.QueryApi;
import ma.crafts.register.query.QueryParameters;
import ma.crafts.register.query.audit.HistoryPage;
import ma.crafts.register.query.audit.HistoryQuery;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController("queryBodyController")
@RequestMapping(path = "/api/v1/professional-bodies", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Professional body queries", description = "Bodies, their hierarchy and their members")
public class BodyController {

    private final BodyQueries queries;

    public BodyController(BodyQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/{id}")
    @Operation(summary = "A professional body with its parent, its children and a page of its current members, "
            + "now or as it was at an instant",
            description = "Clerks read the bodies of their own region; another region's body, a national one and "
                    + "an unknown one are 403 for them, in the same words, so that the answer does not tell another "
                    + "region's body exists. Auditors, ministry analysts and registry administrators read all (404 "
                    + "for an unknown body). With asOf the body is rebuilt from its own events recorded up to that "
                    + "instant (404 before its constitution), its children from their affiliations recorded by then; "
                    + "members are left out, as they are recorded in the artisans' streams.")
    @ApiResponse(responseCode = "200", description = "The body")
    @QueryApi.Paged
    public BodyView body(@PathVariable String id,
                         @RequestParam(required = false) String page,
                         @RequestParam(required = false) String size,
                         @RequestParam(required = false) String minPosition,
                         @Parameter(description = "ISO-8601 instant; rebuild the body as it was then",
                                 schema = @Schema(type = "string", format = "date-time"))
                         @RequestParam(required = false) String asOf) {
        return queries.body(id, page, size, minPosition, asOf);
    }

    @GetMapping("/{id}/history")
    @Operation(summary = "The body's events, oldest first, a page at a time",
            description = "Read from the event store itself, like an artisan's history: the body's constitution and "
                    + "affiliation, each with its trace id, its reason and the fields of the body it changed "
                    + "(memberships are in the artisans' histories). Readers as for the body: a clerk gets 403 for "
                    + "another region's body, a national one and an unknown one alike.")
    @QueryApi.Paged
    @QueryApi.HistoryFilters
    public HistoryPage history(@PathVariable String id,
                               @RequestParam(required = false) String page,
                               @RequestParam(required = false) String size,
                               @RequestParam(required = false) String from,
                               @RequestParam(required = false) String to,
                               @RequestParam(required = false) String type,
                               @RequestParam(required = false) String minPosition) {
        return queries.history(QueryParameters.identifier("id", id),
                HistoryQuery.parse(page, size, minPosition, from, to, type, BodyFolding.EVENT_TYPES));
    }

    @GetMapping
    @Operation(summary = "The body of a branch and territory",
            description = "There is at most one body per branch and territory; items is empty until it is "
                    + "constituted. Clerks read their own region's bodies only: a territory outside it is 403, "
                    + "whether a body is constituted there or not.")
    @ApiResponse(responseCode = "200", description = "The body, if constituted")
    public BodySummary.Listing bodies(
            @Parameter(description = "Branch code of the nomenclature", required = true)
            @RequestParam(required = false) String branchCode,
            @Parameter(description = "A province code, a region code, or MA", required = true)
            @RequestParam(required = false) String territoryCode,
            @Parameter(description = "Global position to wait for (at most 5 s), from a command response",
                    schema = @Schema(type = "integer", format = "int64", minimum = "0"))
            @RequestParam(required = false) String minPosition) {
        return queries.byBranchAndTerritory(branchCode, territoryCode, minPosition);
    }
}
