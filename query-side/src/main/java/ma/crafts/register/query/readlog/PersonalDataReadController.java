package ma.crafts.register.query.readlog;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import ma.crafts.register.errors.InvalidInputException;
import ma.crafts.register.errors.InvalidInputException.FieldProblem;
import ma.crafts.register.query.QueryParameters;
import ma.crafts.register.query.ReadAccess;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/audit/personal-data-reads", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Audit: personal-data reads", description = "Who read whose personal data, for auditors")
public class PersonalDataReadController {

    private final PersonalDataReadLog log;
    private final ReadAccess access;

    public PersonalDataReadController(PersonalDataReadLog log, ReadAccess access) {
        this.log = log;
        this.access = access;
    }

    @GetMapping
    @Operation(summary = "The log of responses that showed personal data in clear, newest first",
            description = "Auditors only. Every view, history, lookup by CIN, cooperative or enterprise read that "
                    + "opened personal data wrote one record, hash-chained to the one before.")
    @ApiResponse(responseCode = "200", description = "One page of the log")
    public PersonalDataReadPage reads(
            @Parameter(description = "The artisan, cooperative or enterprise read") @RequestParam(required = false) String actorId,
            @Parameter(description = "JWT sub of the reader") @RequestParam(required = false) String subject,
            @Parameter(description = "ISO-8601 instant; reads at or after it",
                    schema = @Schema(type = "string", format = "date-time"))
            @RequestParam(required = false) String from,
            @Parameter(description = "ISO-8601 instant; reads before it",
                    schema = @Schema(type = "string", format = "date-time"))
            @RequestParam(required = false) String to,
            @Parameter(description = "0-based page number", schema = @Schema(type = "integer", minimum = "0"))
            @RequestParam(required = false) String page,
            @Parameter(description = "Page size", schema = @Schema(type = "integer", minimum = "1", maximum = "100"))
            @RequestParam(required = false) String size) {
        access.requireAuditor();
        List<FieldProblem> problems = new ArrayList<>();
        Instant start = QueryParameters.collecting(problems, () -> instant("from", from), null);
        Instant end = QueryParameters.collecting(problems, () -> instant("to", to), null);
        QueryParameters.Paging paging = QueryParameters.paging(problems, page, size, null);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return log.page(QueryParameters.optional(actorId), QueryParameters.optional(subject), start, end,
                paging.page(), paging.size());
    }

    @GetMapping("/verification")
    @Operation(summary = "Checks the read log's hash chain from its first record to its last",
            description = "Auditors only. A record removed, altered or reordered is named by firstBrokenLink.")
    @ApiResponse(responseCode = "200", description = "The verdict")
    public ReadLogVerification verification() {
        access.requireAuditor();
        return log.verify();
    }

    private static Instant instant(String field, String raw) {
        try {
            return QueryParameters.asOf(QueryParameters.optional(raw));
        } catch (InvalidInputException e) {
            throw new InvalidInputException(field, "must be an ISO-8601 instant such as 2025-03-01T10:00:00Z");
        }
    }
}
