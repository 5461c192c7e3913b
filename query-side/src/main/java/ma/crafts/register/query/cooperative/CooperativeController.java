package ma.crafts.register.query.cooperative;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import ma.crafts.register.query.QueryParameters;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController("queryCooperativeController")
@Tag(name = "Cooperative queries", description = "The cooperative view")
public class CooperativeController {

    private final CooperativeQueries queries;

    public CooperativeController(CooperativeQueries queries) {
        this.queries = queries;
    }

    @GetMapping(path = "/api/v1/cooperatives/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The cooperative view",
            description = "Clerks read the cooperatives of their own region (403 otherwise); auditors and ministry "
                    + "analysts read all, analysts with the representative reduced to initials. Registry "
                    + "administrators get 403.")
    @ApiResponse(responseCode = "200", description = "The cooperative")
    public CooperativeView cooperative(
            @PathVariable String id,
            @Parameter(description = "Global position to wait for (at most 5 s), from a command response",
                    schema = @Schema(type = "integer", format = "int64", minimum = "0"))
            @RequestParam(required = false) String minPosition) {
        return queries.view(QueryParameters.identifier("id", id), QueryParameters.minPosition(minPosition));
    }
}
