package ma.crafts.register.query.dashboard;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.function.Predicate;
import ma.crafts.register.platform.PlatformProperties;
import ma.crafts.register.platform.PlatformProperties.AuthMode;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * {@code GET /api/v1/dashboard/config}: what the dashboard page needs before anyone signs in, so one page serves every
 * deployment: how to sign in, and which of the reads it draws on this register serves (a panel whose read is not
 * served says so instead of calling it and filling the browser's console with 404s).
 */
@RestController
@Tag(name = "Dashboard", description = "The ministry's web dashboard at /dashboard/")
public class DashboardConfigController {
    public static final String PATH = "/api/v1/dashboard/config";

    /** The reads the page draws on that not every version of the register serves, by the name the page knows them. */
    private static final List<OptionalRead> OPTIONAL_READS = List.of(
            new OptionalRead("statistics", "/api/v1/statistics/actors"),
            new OptionalRead("flows", "/api/v1/statistics/flows"),
            new OptionalRead("eligibleCounts", "/api/v1/programmes/{programId}/eligible/count"));

    private record OptionalRead(String name, String path) {
    }

    /**
     * @param signIn   {@code dev} (pick a role, tokens from {@code POST /api/v1/dev/tokens}), {@code oidc}
     *                 (authorization code with PKCE at {@code issuer} for {@code clientId}), or {@code none} (an
     *                 issuer-mode register that was not told which issuer and client the page should use)
     * @param served   the names of the optional reads this register serves: statistics, flows, eligibleCounts
     */
    public record DashboardConfig(String signIn, String issuer, String clientId, List<String> served) {
    }

    private final PlatformProperties platform;
    private final String issuer;
    private final String clientId;
    private final RequestMappingHandlerMapping mappings;

    public DashboardConfigController(PlatformProperties platform,
                                     @Value("${register.oidc.issuer:}") String issuer,
                                     @Value("${register.oidc.client-id:}") String clientId,
                                     @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings) {
        this.platform = platform;
        this.issuer = issuer.isBlank() ? null : issuer.strip();
        this.clientId = clientId.isBlank() ? null : clientId.strip();
        this.mappings = mappings;
    }

    @Operation(summary = "How the dashboard signs in and what it can show",
            description = "Open: the page reads it before anyone signs in. The issuer and client come from "
                    + "REGISTER_OIDC_ISSUER and REGISTER_OIDC_CLIENT_ID.")
    @SecurityRequirements
    @GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    public DashboardConfig config() {
        return new DashboardConfig(signIn(), issuer, clientId,
                OPTIONAL_READS.stream().filter(read -> servesGet(read.path())).map(OptionalRead::name).toList());
    }

    private String signIn() {
        if (platform.authMode() == AuthMode.DEV) {
            return "dev";
        }
        return issuer != null && clientId != null ? "oidc" : "none";
    }

    private boolean servesGet(String path) {
        Predicate<RequestMappingInfo> matches = info -> info.getPatternValues().contains(path)
                && (info.getMethodsCondition().getMethods().isEmpty()
                || info.getMethodsCondition().getMethods().contains(RequestMethod.GET));
        return mappings.getHandlerMethods().keySet().stream().anyMatch(matches);
    }
}
