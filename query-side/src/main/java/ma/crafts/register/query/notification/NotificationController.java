package ma.crafts.register.query.notification;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import ma.crafts.register.query.QueryApi;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController("queryNotificationController")
@Tag(name = "Chamber notifications", description = "Notices the register issues to a region's chamber")
public class NotificationController {

    private final NotificationQueries queries;

    public NotificationController(NotificationQueries queries) {
        this.queries = queries;
    }

    @GetMapping(path = "/api/v1/notifications", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "List the notices issued to a region's chamber, newest first",
            description = "E.g. an enterprise flagged non-compliant because its supervising artisan was struck off "
                    + "(topic enterprise-non-compliant). A chamber clerk reads its own region only (by default, and "
                    + "403 for another region); ministry analysts and auditors read any region, "
                    + "or all regions without regionCode.")
    @ApiResponse(responseCode = "200", description = "One page of notices")
    @QueryApi.Paged
    public NotificationPage notifications(
            @Parameter(description = "Region code MA-01 to MA-12") @RequestParam(required = false) String regionCode,
            @RequestParam(required = false) String page,
            @RequestParam(required = false) String size,
            @RequestParam(required = false) String minPosition) {
        return queries.list(regionCode, page, size, minPosition);
    }
}
