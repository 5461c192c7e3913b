package ma.crafts.register.query.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import ma.crafts.register.query.QueryApi;
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
    @Operation(summary = "The artisan's events, oldest first, a page at a time",
            description = "Read from the event store itself; with minPosition it first waits (at most 5 s) until "
                    + "the store holds that position. Each event carries its trace id, the reason stated for it and "
                    + "the fields of the artisan's state it changed. Personal data appears in clear for auditors only; "
                    + "every other role, the region's clerks included, sees it masked (\"***\").")
    @QueryApi.Paged
    @QueryApi.HistoryFilters
    public HistoryPage history(@PathVariable String artisanId,
                               @RequestParam(required = false) String page,
                               @RequestParam(required = false) String size,
                               @RequestParam(required = false) String from,
                               @RequestParam(required = false) String to,
                               @RequestParam(required = false) String type,
                               @RequestParam(required = false) String minPosition) {
        String id = QueryParameters.identifier("artisanId", artisanId);
        return service.history(id, HistoryQuery.parse(page, size, minPosition, from, to, type, service.eventTypes()));
    }
}
