package ma.crafts.register.query.eligibility;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.Parameters;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import ma.crafts.register.events.programme.ActorKind;
import ma.crafts.register.query.QueryParameters;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController("queryEligibilityController")
@Tag(name = "Eligibility", description = "Benefit programmes an actor qualifies for, with the reason for each rule")
public class EligibilityController {

    private static final String ORGANISATION_VERDICTS = " Rules about a person (card, membership, gender, age, category, "
            + "qualification route, years of practice) are not satisfied and say they do not apply; a programme whose "
            + "actor kind rule leaves this kind out says it is not open to it. Readers as for the view; 404 for an id "
            + "of another kind, or with asOf before the registration.";

    /**
     * What every verdicts operation takes and answers: {@code asOf} and {@code minPosition}, matched by name to the
     * method's request parameters, and one entry per programme.
     */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @Parameters({
            @Parameter(name = "asOf", in = ParameterIn.QUERY,
                    description = "ISO-8601 instant; judge the state at that instant by the versions in force then",
                    schema = @Schema(type = "string", format = "date-time")),
            @Parameter(name = "minPosition", in = ParameterIn.QUERY,
                    description = "Global position to wait for (at most 5 s)",
                    schema = @Schema(type = "integer", format = "int64", minimum = "0"))})
    @ApiResponse(responseCode = "200", description = "One entry per programme",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    array = @ArraySchema(schema = @Schema(implementation = ProgrammeEligibility.class))))
    @interface Verdicts {
    }

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
    @Verdicts
    public List<ProgrammeEligibility> eligibility(
            @PathVariable String artisanId,
            @RequestParam(required = false) String asOf,
            @RequestParam(required = false) String minPosition) {
        String id = QueryParameters.identifier("artisanId", artisanId);
        return service.evaluate(id, QueryParameters.asOf(asOf), QueryParameters.minPosition(minPosition));
    }

    @GetMapping(path = "/api/v1/cooperatives/{id}/eligibility", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Evaluate every benefit programme for the cooperative",
            description = "The artisan's verdicts, for a cooperative: one per programme, with `programVersion`, "
                    + "`effectiveFrom` and every rule explained in Arabic and French; with asOf, the state then by "
                    + "the versions in force then." + ORGANISATION_VERDICTS)
    @Verdicts
    public List<ProgrammeEligibility> cooperativeEligibility(
            @PathVariable String id,
            @RequestParam(required = false) String asOf,
            @RequestParam(required = false) String minPosition) {
        return organisation(ActorKind.COOPERATIVE, id, asOf, minPosition);
    }

    @GetMapping(path = "/api/v1/enterprises/{id}/eligibility", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Evaluate every benefit programme for the enterprise",
            description = "The artisan's verdicts, for an enterprise: one per programme, with `programVersion`, "
                    + "`effectiveFrom` and every rule explained in Arabic and French; with asOf, the state then by "
                    + "the versions in force then." + ORGANISATION_VERDICTS)
    @Verdicts
    public List<ProgrammeEligibility> enterpriseEligibility(
            @PathVariable String id,
            @RequestParam(required = false) String asOf,
            @RequestParam(required = false) String minPosition) {
        return organisation(ActorKind.ENTERPRISE, id, asOf, minPosition);
    }

    private List<ProgrammeEligibility> organisation(ActorKind kind, String id, String asOf, String minPosition) {
        return service.evaluate(kind, QueryParameters.identifier("id", id), QueryParameters.asOf(asOf),
                QueryParameters.minPosition(minPosition));
    }
}
