package ma.crafts.register.query.enterprise;

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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController("queryEnterpriseController")
@Tag(name = "Enterprise queries", description = "The enterprise view")
public class EnterpriseController {

    private final EnterpriseQueries queries;

    public EnterpriseController(EnterpriseQueries queries) {
        this.queries = queries;
    }

    @GetMapping(path = "/api/v1/enterprises/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The enterprise view, now or as it was at an instant",
            description = "Clerks read the enterprises of their own region (403 otherwise); auditors and ministry "
                    + "analysts read all, analysts with the representative reduced to initials. Registry "
                    + "administrators get 403. With asOf the state is rebuilt from the events recorded up to that "
                    + "instant (404 before the registration).")
    @ApiResponse(responseCode = "200", description = "The enterprise")
    public EnterpriseView enterprise(
            @PathVariable String id,
            @Parameter(description = "ISO-8601 instant; rebuild the state as it was then",
                    schema = @Schema(type = "string", format = "date-time"))
            @RequestParam(required = false) String asOf,
            @Parameter(description = "Global position to wait for (at most 5 s), from a command response",
                    schema = @Schema(type = "integer", format = "int64", minimum = "0"))
            @RequestParam(required = false) String minPosition) {
        return queries.view(QueryParameters.identifier("id", id), QueryParameters.asOf(asOf),
                QueryParameters.minPosition(minPosition));
    }

    @GetMapping(path = "/api/v1/enterprises/{id}/history", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The enterprise's events, oldest first, a page at a time",
            description = "Read from the event store itself, like an artisan's history: each event with its trace "
                    + "id, its reason and the fields of the enterprise's state it changed; the representative's "
                    + "personal data in clear for auditors only, masked for every other "
                    + "role.")
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
                HistoryQuery.parse(page, size, minPosition, from, to, type, EnterpriseFolding.EVENT_TYPES));
    }
}
