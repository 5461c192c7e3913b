package ma.crafts.register.query.statistics;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import ma.crafts.register.platform.security.AccessPolicy;
import ma.crafts.register.platform.security.Role;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController("queryStatisticsAdminController")
@Tag(name = "Administration", description = "Read-model projections and their rebuilds")
public class StatisticsAdminController {

    private final StatisticsRecount recount;
    private final AccessPolicy access;

    public StatisticsAdminController(StatisticsRecount recount, AccessPolicy access) {
        this.recount = recount;
        this.access = access;
    }

    @PostMapping(path = "/api/v1/admin/statistics/recount", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Recount the actors from the event store and compare with the statistics (REGISTRY_ADMIN)",
            description = "Folds every stream up to the position the statistics have counted and compares each cell. "
                    + "settled is false when the statistics kept moving during three attempts (nothing compared).")
    @ApiResponse(responseCode = "200", description = "Whether the counts equal the recount, and the first differences")
    public StatisticsRecount.Result recount() {
        access.requireAnyRole(Role.REGISTRY_ADMIN);
        return recount.run();
    }
}
