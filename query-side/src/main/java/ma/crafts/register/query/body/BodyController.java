package ma.crafts.register.query.body;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import ma.crafts.register.query.QueryApi;
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
    @Operation(summary = "A professional body with its parent, its children and a page of its current members",
            description = "Clerks read the bodies of their own region; another region's body, a national one and "
                    + "an unknown one are 403 for them, in the same words, so that the answer does not tell another "
                    + "region's body exists. Auditors, ministry analysts and registry administrators read all (404 "
                    + "for an unknown body).")
    @ApiResponse(responseCode = "200", description = "The body")
    @QueryApi.Paged
    public BodyView body(@PathVariable String id,
                         @RequestParam(required = false) String page,
                         @RequestParam(required = false) String size,
                         @RequestParam(required = false) String minPosition) {
        return queries.body(id, page, size, minPosition);
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
