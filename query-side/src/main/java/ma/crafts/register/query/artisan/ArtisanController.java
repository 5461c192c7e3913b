package ma.crafts.register.query.artisan;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import ma.crafts.register.query.QueryApi;
import ma.crafts.register.query.QueryParameters;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController("queryArtisanController")
@RequestMapping(path = "/api/v1/artisans", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Artisan queries", description = "The artisan view, as-of reads and search")
public class ArtisanController {

    private final ArtisanQueries queries;
    private final ArtisanSearch search;

    public ArtisanController(ArtisanQueries queries, ArtisanSearch search) {
        this.queries = queries;
        this.search = search;
    }

    @GetMapping("/{artisanId}")
    @Operation(summary = "The artisan view, now or as it was at an instant",
            description = "Names are shown in full to auditors and the clerks of the artisan's current region, "
                    + "as initials (masked=true) to ministry analysts, and as null "
                    + "(personalDataErased=true) once erased. With asOf the state is rebuilt from the events "
                    + "recorded up to that instant. Registry administrators get 403.")
    @ApiResponse(responseCode = "200", description = "The artisan")
    public ArtisanView artisan(
            @PathVariable String artisanId,
            @Parameter(description = "ISO-8601 instant; rebuild the state as it was then",
                    schema = @Schema(type = "string", format = "date-time"))
            @RequestParam(required = false) String asOf,
            @Parameter(description = "Global position to wait for (at most 5 s), from a command response",
                    schema = @Schema(type = "integer", format = "int64", minimum = "0"))
            @RequestParam(required = false) String minPosition) {
        String id = QueryParameters.identifier("artisanId", artisanId);
        Long position = QueryParameters.minPosition(minPosition);
        Instant instant = QueryParameters.asOf(asOf);
        if (instant != null) {
            return queries.asOf(id, instant, position);
        }
        return queries.current(id, position);
    }

    @GetMapping
    @Operation(summary = "Search artisans by territory, branch and status",
            description = "Results are in registration order. A chamber clerk searches its own region only "
                    + "(by default, and 403 for another region). Items carry no personal data.")
    @ApiResponse(responseCode = "200", description = "One page of artisans")
    @QueryApi.Paged
    public ArtisanSearchPage searchArtisans(
            @Parameter(description = "Region code MA-01 to MA-12") @RequestParam(required = false) String regionCode,
            @Parameter(description = "Prefecture or province code, e.g. MA-MAR") @RequestParam(required = false) String provinceCode,
            @Parameter(description = "Branch code of the nomenclature") @RequestParam(required = false) String branchCode,
            @Parameter(description = "Artisan status", schema = @Schema(allowableValues = {"ACTIVE", "SUSPENDED", "STRUCK_OFF"}))
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String page,
            @RequestParam(required = false) String size,
            @RequestParam(required = false) String minPosition) {
        return search.search(regionCode, provinceCode, branchCode, status, page, size, minPosition);
    }
}
