package ma.crafts.register.platform.security;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import ma.crafts.register.errors.InvalidInputException;
import ma.crafts.register.errors.InvalidInputException.FieldProblem;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/dev/tokens}: tokens for any role, for the embedded profile only. The path does not exist in
 * {@code issuer} mode, where it answers 404.
 */
@RestController
@Conditional(AuthModeConditions.OnDevMode.class)
@Tag(name = "Development tokens", description = "Signed tokens for any role, served only by a register running in "
        + "development mode; a deployment takes its tokens from its OIDC issuer")
public class DevTokenController {
    public static final String PATH = "/api/v1/dev/tokens";

    private final DevTokenIssuer issuer;

    public DevTokenController(DevTokenIssuer issuer) {
        this.issuer = issuer;
    }

    public record DevTokenRequest(String subject, List<String> roles, String region) {
    }

    public record DevTokenResponse(String token, Instant expiresAt) {
    }

    @Operation(summary = "Issue a development token", description = "A bearer token for the subject, roles and region "
            + "asked for. Open: development mode exists to try the API without an issuer.")
    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    public DevTokenResponse issue(@RequestBody DevTokenRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        if (request.subject() == null || request.subject().isBlank()) {
            problems.add(new FieldProblem("subject", "must not be blank"));
        } else if (request.subject().length() > 256) {
            problems.add(new FieldProblem("subject", "must be at most 256 characters"));
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (request.roles() == null || request.roles().isEmpty()) {
            problems.add(new FieldProblem("roles", "must name at least one role"));
        } else {
            for (int i = 0; i < request.roles().size(); i++) {
                Optional<Role> role = Role.parse(request.roles().get(i));
                if (role.isPresent()) {
                    roles.add(role.get());
                } else {
                    problems.add(new FieldProblem("roles[" + i + "]", "unknown role '" + request.roles().get(i)
                            + "'; expected one of " + List.of(Role.values())));
                }
            }
        }
        String region = request.region() == null || request.region().isBlank() ? null : request.region().trim();
        if (region != null && !Regions.isRegionCode(region)) {
            problems.add(new FieldProblem("region", "must be a region code MA-01 to MA-12"));
        } else if (region == null && roles.contains(Role.CHAMBER_CLERK)) {
            problems.add(new FieldProblem("region", "is required for CHAMBER_CLERK (MA-01 to MA-12)"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        DevTokenIssuer.IssuedToken token = issuer.issue(request.subject().trim(), roles, region);
        return new DevTokenResponse(token.token(), token.expiresAt());
    }
}
