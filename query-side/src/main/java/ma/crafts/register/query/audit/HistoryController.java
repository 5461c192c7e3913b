package ma.crafts.register.query.audit;

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

@RestController("queryHistoryController")
@Tag(name = "Audit", description = AuditController.TAG_DESCRIPTION)
public class HistoryController {

    private final HistoryService service;

    public HistoryController(HistoryService service) {
        this.service = service;
    }

    @GetMapping(path = "/api/v1/artisans/{artisanId}/history", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The artisan's events, oldest first",
            description = "Read from the event store itself; with minPosition it first waits (at most 5 s) until "
                    + "the store holds that position. Personal data appears for auditors and the clerks of the "
                    + "artisan's current region; ministry analysts see it masked (\"***\").")
    @ApiResponse(responseCode = "200", description = "The history",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    array = @ArraySchema(schema = @Schema(implementation = HistoryItem.class))))
    public List<HistoryItem> history(
            @PathVariable String artisanId,
            @Parameter(description = "Global position the history must include",
                    schema = @Schema(type = "integer", format = "int64", minimum = "0"))
            @RequestParam(required = false) String minPosition) {
        String id = QueryParameters.identifier("artisanId", artisanId);
        return service.history(id, QueryParameters.minPosition(minPosition));
    }
}
