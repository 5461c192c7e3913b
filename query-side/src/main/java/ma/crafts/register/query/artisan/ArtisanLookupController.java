package ma.crafts.register.query.artisan;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController("queryArtisanLookupController")
@Tag(name = "Artisan queries", description = "The artisan view, as-of reads and search")
public class ArtisanLookupController {

    private final ArtisanLookup lookup;

    public ArtisanLookupController(ArtisanLookup lookup) {
        this.lookup = lookup;
    }

    @GetMapping(path = "/api/v1/artisans/lookup", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The artisan registered under a CIN or a NIA",
            description = "For auditors and the clerks of the artisan's current region. An unknown identifier and "
                    + "an artisan of another region give the same 404. Calls are limited per caller (429 with "
                    + "Retry-After beyond the limit).")
    @ApiResponse(responseCode = "200", description = "The artisan's id")
    @ApiResponse(responseCode = "404", description = "No artisan of the caller's region is registered under it; the "
            + "same answer whether it is unknown or of another region (/problems/not-found)")
    @ApiResponse(responseCode = "429", description = "Too many lookups by this caller (/problems/too-many-requests); "
            + "retry after the Retry-After delay")
    public ArtisanLookup.Result lookUp(
            @Parameter(description = "The national identity card number (give this or nia)")
            @RequestParam(required = false) String cin,
            @Parameter(description = "The artisan's NIA (give this or cin)")
            @RequestParam(required = false) String nia) {
        return lookup.lookUp(cin, nia);
    }
}
