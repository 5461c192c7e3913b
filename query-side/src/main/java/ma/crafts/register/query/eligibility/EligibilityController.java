package ma.crafts.register.query.eligibility;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import ma.crafts.register.query.QueryParameters;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController("queryEligibilityController")
@Tag(name = "Eligibility", description = "Benefit programmes an artisan qualifies for, with the reason for each rule")
public class EligibilityController {

    private final EligibilityService service;

    public EligibilityController(EligibilityService service) {
        this.service = service;
    }

    @GetMapping(path = "/api/v1/artisans/{artisanId}/eligibility", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Evaluate every benefit programme for the artisan",
            description = "Each programme's verdict names the version applied (`programVersion`, `effectiveFrom`) "
                    + "and lists every rule with whether it is satisfied and why (`detail` in Arabic and French); "
                    + "rules and programmes not yet confirmed by a convention are flagged provisional. With asOf the "
                    + "artisan's state at that instant is judged by the programme versions in force at that instant.")
    @ApiResponse(responseCode = "200", description = "One entry per programme",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    array = @ArraySchema(schema = @Schema(implementation = ProgrammeEligibility.class))))
    public List<ProgrammeEligibility> eligibility(
            @PathVariable String artisanId,
            @Parameter(description = "ISO-8601 instant; judge the state at that instant by the versions in force then",
                    schema = @Schema(type = "string", format = "date-time"))
            @RequestParam(required = false) String asOf,
            @Parameter(description = "Global position to wait for (at most 5 s)",
                    schema = @Schema(type = "integer", format = "int64", minimum = "0"))
            @RequestParam(required = false) String minPosition) {
        String id = QueryParameters.identifier("artisanId", artisanId);
        return service.evaluate(id, QueryParameters.asOf(asOf), QueryParameters.minPosition(minPosition));
    }
}
