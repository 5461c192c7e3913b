package ma.crafts.register.query.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import ma.crafts.register.query.QueryParameters;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController("queryHistoryController")
@Tag(name = "Audit", description = "An artisan's event history")
public class HistoryController {

    private final HistoryService service;

    public HistoryController(HistoryService service) {
        this.service = service;
    }

    @GetMapping(path = "/api/v1/artisans/{artisanId}/history", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The artisan's events, oldest first, a page at a time",
            description = "Read from the event store itself; with minPosition it first waits (at most 5 s) until "
                    + "the store holds that position. Each event carries its trace id, the reason stated for it and "
                    + "the fields of the artisan's state it changed. Personal data appears for auditors and the "
                    + "clerks of the artisan's current region; ministry analysts see it masked (\"***\").")
    public HistoryPage history(
            @PathVariable String artisanId,
            @Parameter(description = "0-based page number", schema = @Schema(type = "integer", minimum = "0"))
            @RequestParam(required = false) String page,
            @Parameter(description = "Page size, 1 to 100 (default 20)",
                    schema = @Schema(type = "integer", minimum = "1", maximum = "100"))
            @RequestParam(required = false) String size,
            @Parameter(description = "Only events recorded at or after this instant",
                    schema = @Schema(type = "string", format = "date-time"))
            @RequestParam(required = false) String from,
            @Parameter(description = "Only events recorded at or before this instant",
                    schema = @Schema(type = "string", format = "date-time"))
            @RequestParam(required = false) String to,
            @Parameter(description = "Only events of this type, e.g. ArtisanRelocated")
            @RequestParam(required = false) String type,
            @Parameter(description = "Global position the history must include",
                    schema = @Schema(type = "integer", format = "int64", minimum = "0"))
            @RequestParam(required = false) String minPosition) {
        String id = QueryParameters.identifier("artisanId", artisanId);
        return service.history(id, HistoryQuery.parse(page, size, minPosition, from, to, type, service.eventTypes()));
    }
}
