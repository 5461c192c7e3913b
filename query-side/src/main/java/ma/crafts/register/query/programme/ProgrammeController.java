package ma.crafts.register.query.programme;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import ma.crafts.register.query.QueryParameters;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController("queryProgrammeController")
@RequestMapping(path = "/api/v1/programmes", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Programmes", description = "Benefit programmes and every version of their rules")
public class ProgrammeController {

    private static final String MIN_POSITION = "Global position to wait for (at most 5 s)";

    private final ProgrammeQueries queries;

    public ProgrammeController(ProgrammeQueries queries) {
        this.queries = queries;
    }

    @GetMapping
    @Operation(summary = "Every programme with the version in force now",
            description = "Each programme with `latestVersion`, the version in force now (`inForce`, null before the "
                    + "first version starts) and the versions recorded to start later (`upcoming`). Every "
                    + "authenticated role.")
    @ApiResponse(responseCode = "200", description = "The programmes, by programme id")
    public List<ProgrammeView> programmes(@Parameter(description = MIN_POSITION) @RequestParam(required = false) String minPosition) {
        return queries.all(QueryParameters.minPosition(minPosition));
    }

    @GetMapping("/{programId}")
    @Operation(summary = "One programme with the version in force now",
            description = "The programme with `latestVersion`, the version in force now (`inForce`, null before its "
                    + "first version starts) and the versions recorded to start later (`upcoming`); 404 for an "
                    + "unknown programme. Every authenticated role.")
    @ApiResponse(responseCode = "200", description = "The programme")
    public ProgrammeView programme(@PathVariable String programId,
                                   @Parameter(description = MIN_POSITION) @RequestParam(required = false) String minPosition) {
        return queries.one(QueryParameters.identifier("programId", programId),
                QueryParameters.minPosition(minPosition));
    }

    @GetMapping("/{programId}/versions")
    @Operation(summary = "Every version of a programme, oldest first",
            description = "Each version with its whole terms, `effectiveFrom`, and who recorded it, when and why.")
    @ApiResponse(responseCode = "200", description = "The versions")
    public List<ProgrammeVersion> versions(@PathVariable String programId,
                                           @Parameter(description = MIN_POSITION) @RequestParam(required = false) String minPosition) {
        return queries.versions(QueryParameters.identifier("programId", programId),
                QueryParameters.minPosition(minPosition));
    }
}
