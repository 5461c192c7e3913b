package ma.crafts.register.query.statistics;

import ma.crafts.register.query.CountGroup;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.Parameters;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ma.crafts.register.errors.InvalidInputException;
import ma.crafts.register.query.reference.ReferenceCatalog;
import ma.crafts.register.values.LocalizedText;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController("queryStatisticsController")
@Tag(name = "Statistics", description = "Counts of the register's actors and flows, and the public open data")
public class StatisticsController {

    static final String CSV = "text/csv;charset=UTF-8";

    private final StatisticsQueries queries;
    private final ReferenceCatalog catalog;
    private final int threshold;

    public StatisticsController(StatisticsQueries queries, ReferenceCatalog catalog,
                                @Value("${register.statistics.open-data.threshold:5}") int threshold) {
        this.queries = queries;
        this.catalog = catalog;
        this.threshold = threshold;
    }

    /** The grouping and filters both statistics reads take; springdoc lists them, the reads parse them by hand. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @Parameters({
            @Parameter(name = "groupBy", in = ParameterIn.QUERY, schema = @Schema(type = "string"),
                    description = "Up to two dimensions, comma separated"),
            @Parameter(name = "regionCode", in = ParameterIn.QUERY, schema = @Schema(type = "string"),
                    description = "Region code MA-01 to MA-12"),
            @Parameter(name = "provinceCode", in = ParameterIn.QUERY, schema = @Schema(type = "string")),
            @Parameter(name = "categoryCode", in = ParameterIn.QUERY, schema = @Schema(type = "string")),
            @Parameter(name = "branchCode", in = ParameterIn.QUERY, schema = @Schema(type = "string")),
            @Parameter(name = "activityCode", in = ParameterIn.QUERY, schema = @Schema(type = "string")),
            @Parameter(name = "gender", in = ParameterIn.QUERY, schema = @Schema(type = "string"),
                    description = "F, M or NONE (cooperatives, enterprises)"),
            @Parameter(name = "ageBand", in = ParameterIn.QUERY, schema = @Schema(type = "string"),
                    description = "0-24, 25-34, 35-44, 45-54, 55-64, 65+ or UNKNOWN, at the reference day"),
            @Parameter(name = "status", in = ParameterIn.QUERY, schema = @Schema(type = "string"),
                    description = "ACTIVE, SUSPENDED or STRUCK_OFF"),
            @Parameter(name = "artisanCategory", in = ParameterIn.QUERY, schema = @Schema(type = "string")),
            @Parameter(name = "qualificationRoute", in = ParameterIn.QUERY, schema = @Schema(type = "string")),
            @Parameter(name = "actorKind", in = ParameterIn.QUERY, schema = @Schema(type = "string"),
                    description = "ARTISAN, COOPERATIVE or ENTERPRISE"),
            @Parameter(name = "cardStatus", in = ParameterIn.QUERY, schema = @Schema(type = "string"),
                    description = "VALID, EXPIRED, SUSPENDED, REVOKED, LOST or NONE"),
            @Parameter(name = "member", in = ParameterIn.QUERY, schema = @Schema(type = "string"),
                    description = "true or false")})
    @interface Dimensions {
    }

    @GetMapping(path = "/api/v1/statistics/actors", produces = {MediaType.APPLICATION_JSON_VALUE, CSV})
    @Operation(summary = "Count actors, grouped by up to two dimensions",
            description = "Counts from pre-aggregated cells. asOf gives the stock at the end of that UTC day. "
                    + "Ministry analysts, auditors and registry administrators read everything; a chamber clerk its "
                    + "own region (also when it names none). ageBand combines with regionCode, provinceCode, "
                    + "actorKind, gender and status only. eligibleFor (a programme id) counts the actors eligible "
                    + "for each programme, from the eligibility model's counts: it combines with regionCode, "
                    + "provinceCode and branchCode only, takes no asOf, and an actor eligible for two programmes "
                    + "counts in both groups. Accept: text/csv gives CSV (UTF-8 with BOM).")
    @ApiResponse(responseCode = "200", description = "The groups, their total and the position counted",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = ActorStatistics.class)),
                    @Content(mediaType = CSV, schema = @Schema(type = "string"))})
    @Dimensions
    @Parameter(name = "asOf", in = ParameterIn.QUERY, schema = @Schema(type = "string"),
            description = "A past UTC day YYYY-MM-DD")
    @Parameter(name = "eligibleFor", in = ParameterIn.QUERY, schema = @Schema(type = "string"),
            description = "A programme id; also a groupBy dimension (the programmes the actors are eligible for)")
    public ResponseEntity<?> actors(HttpServletRequest request) {
        Map<String, String> parameters = parameters(request);
        ActorStatistics statistics = queries.actors(parameters);
        if (wantsCsv(request)) {
            return csv(StatisticsCsv.actors(statistics, groupBy(parameters)), "actors.csv");
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(statistics);
    }

    @GetMapping(path = "/api/v1/statistics/flows", produces = {MediaType.APPLICATION_JSON_VALUE, CSV})
    @Operation(summary = "A time series of one flow per day or month",
            description = "Registrations, strike-offs, suspensions, relocations (in and out, by the direction key), "
                    + "cards issued, renewed and expired, memberships started and ended, per UTC day or month, "
                    + "grouped by up to two of regionCode, provinceCode, categoryCode, branchCode, actorKind, gender. "
                    + "Accept: text/csv gives CSV (UTF-8 with BOM).")
    @ApiResponse(responseCode = "200", description = "One series per group",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = FlowStatistics.class)),
                    @Content(mediaType = CSV, schema = @Schema(type = "string"))})
    @Dimensions
    @Parameters({
            @Parameter(name = "measure", in = ParameterIn.QUERY, schema = @Schema(type = "string"), required = true),
            @Parameter(name = "interval", in = ParameterIn.QUERY, schema = @Schema(type = "string"),
                    description = "day or month (default)"),
            @Parameter(name = "from", in = ParameterIn.QUERY, schema = @Schema(type = "string"),
                    description = "YYYY-MM-DD or YYYY-MM"),
            @Parameter(name = "to", in = ParameterIn.QUERY, schema = @Schema(type = "string"),
                    description = "YYYY-MM-DD or YYYY-MM (default today)")})
    public ResponseEntity<?> flows(HttpServletRequest request) {
        FlowStatistics statistics = queries.flows(parameters(request));
        if (wantsCsv(request)) {
            return csv(StatisticsCsv.flows(statistics), "flows.csv");
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(statistics);
    }

    @GetMapping(path = "/api/v1/open-data/actors.csv", produces = CSV)
    @SecurityRequirements
    @Operation(summary = "Open data: actors by region, branch and gender (public, no token)",
            description = "Actors in the register (not struck off). A count below the threshold (default 5) is "
                    + "published as <5, so that no published figure points at a person; the file's first line says so.")
    @ApiResponse(responseCode = "200", description = "CSV, UTF-8 with BOM",
            content = @Content(mediaType = CSV, schema = @Schema(type = "string")))
    public ResponseEntity<byte[]> openData() {
        List<List<String>> rows = new ArrayList<>();
        for (CountGroup group : queries.openData()) {
            String region = group.key().get(Dimension.REGION.apiName());
            String branch = group.key().get(Dimension.BRANCH.apiName());
            LocalizedText regionName = catalog.geography().region(region).map(r -> r.name()).orElse(null);
            LocalizedText branchName = catalog.nomenclature().branch(branch).map(b -> b.name()).orElse(null);
            rows.add(List.of(region,
                    regionName == null ? "" : regionName.fr(), regionName == null ? "" : regionName.ar(),
                    branch, branchName == null ? "" : branchName.fr(), branchName == null ? "" : branchName.ar(),
                    group.key().get(Dimension.GENDER.apiName()),
                    group.count() < threshold ? "<" + threshold : Long.toString(group.count())));
        }
        return csv(StatisticsCsv.table("Counts below " + threshold + " are published as <" + threshold
                        + " so that no published figure points at a person.",
                List.of("regionCode", "region_fr", "region_ar", "branchCode", "branch_fr", "branch_ar", "gender",
                        "count"), rows), "actors.csv");
    }

    /** One value per parameter; a parameter given twice is ambiguous, so it is refused. */
    private static Map<String, String> parameters(HttpServletRequest request) {
        Map<String, String> parameters = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, values) -> {
            if (values.length != 1) {
                throw new InvalidInputException(name, "must be given once");
            }
            parameters.put(name, values[0]);
        });
        return parameters;
    }

    private static List<Dimension> groupBy(Map<String, String> parameters) {
        String raw = parameters.get(StatisticsRequest.GROUP_BY);
        List<Dimension> groupBy = new ArrayList<>();
        if (raw != null) {
            for (String name : raw.split(",")) {
                Dimension.named(name.trim()).filter(d -> !groupBy.contains(d)).ifPresent(groupBy::add);
            }
        }
        return groupBy;
    }

    private static boolean wantsCsv(HttpServletRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return accept != null && MediaType.parseMediaTypes(accept).stream()
                .anyMatch(type -> type.isCompatibleWith(MediaType.parseMediaType("text/csv"))
                        && !type.isWildcardType());
    }

    private static ResponseEntity<byte[]> csv(byte[] body, String filename) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(CSV))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + filename + "\"")
                .body(body);
    }
}
