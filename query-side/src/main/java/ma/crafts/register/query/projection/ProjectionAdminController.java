package ma.crafts.register.query.projection;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import ma.crafts.register.platform.security.AccessPolicy;
import ma.crafts.register.platform.security.Role;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController("queryProjectionAdminController")
@Tag(name = "Administration", description = "Read-model projections and their rebuilds")
public class ProjectionAdminController {

    private final ProjectionRebuilds rebuilds;
    private final AccessPolicy access;

    public ProjectionAdminController(ProjectionRebuilds rebuilds, AccessPolicy access) {
        this.rebuilds = rebuilds;
        this.access = access;
    }

    /** Every projection's progress. */
    public record ProjectionList(List<ProjectionProgress> projections) {
    }

    @GetMapping(path = "/api/v1/admin/projections", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "List the projections with their status, position, head, rate and ETA (REGISTRY_ADMIN)",
            description = "For each projection: `LIVE` or `REBUILDING`, the generation serving reads, the global "
                    + "position it has applied against the store's head, its rate in events per second and the "
                    + "seconds it needs to reach the head (null while it does not move). The same figures are "
                    + "exported as `register_projection_*` metrics.")
    @ApiResponse(responseCode = "200", description = "Every projection's progress")
    public ProjectionList projections() {
        access.requireAnyRole(Role.REGISTRY_ADMIN);
        return new ProjectionList(rebuilds.progress());
    }

    @PostMapping(path = "/api/v1/admin/projections/{name}/rebuild", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Rebuild a projection without downtime (REGISTRY_ADMIN)",
            description = "Builds new collections from position 0 while the current ones keep serving reads, and "
                    + "switches reads to them once they have caught up with the head of the store. 409 "
                    + "(/problems/rule-violation) while a rebuild of the projection runs, 404 for an unknown name.")
    @ApiResponse(responseCode = "202", description = "Rebuild started; its progress")
    public ProjectionProgress rebuild(
            @Parameter(description = "artisan-view, card-verification, chamber-notifications, eligibility or statistics") @PathVariable String name) {
        access.requireAnyRole(Role.REGISTRY_ADMIN);
        return rebuilds.rebuild(name);
    }
}
