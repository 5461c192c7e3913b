package ma.crafts.register.query.eligibility;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController("queryEligibleActorsController")
@RequestMapping(path = "/api/v1/programmes/{programId}/eligible", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Eligibility", description = "Benefit programmes an actor qualifies for, with the reason for each rule")
public class EligibleActorsController {

    private final EligibleActors eligible;

    public EligibleActorsController(EligibleActors eligible) {
        this.eligible = eligible;
    }

    @GetMapping
    @Operation(summary = "The actors eligible for a programme, paged",
            description = "From the version of the programme the eligibility model serves (`programVersion` on each "
                    + "item): after a revision, the former version's list until every actor has been judged by the "
                    + "new one. Clerks read their own region only (403 for another); 404 for an unknown programme.")
    @ApiResponse(responseCode = "200", description = "One page, in registration order")
    public EligibleActorPage eligibleActors(
            @PathVariable String programId,
            @RequestParam(required = false) String regionCode,
            @RequestParam(required = false) String provinceCode,
            @RequestParam(required = false) String branchCode,
            @Parameter(schema = @Schema(type = "integer", minimum = "0", defaultValue = "0"))
            @RequestParam(required = false) String page,
            @Parameter(schema = @Schema(type = "integer", minimum = "1", maximum = "100", defaultValue = "20"))
            @RequestParam(required = false) String size) {
        return eligible.list(programId, regionCode, provinceCode, branchCode, page, size);
    }

    @GetMapping("/count")
    @Operation(summary = "The number of actors eligible for a programme, grouped",
            description = "Counts kept up to date with every verdict, from the version the model serves. Clerks count "
                    + "their own region only. 400 for another groupBy, 404 for an unknown programme.")
    @ApiResponse(responseCode = "200", description = "One group per value with eligible actors, and the total")
    public EligibleCount eligibleCount(
            @PathVariable String programId,
            @Parameter(required = true, schema = @Schema(allowableValues = {"regionCode", "provinceCode", "branchCode"}))
            @RequestParam(required = false) String groupBy) {
        return eligible.count(programId, groupBy);
    }
}
