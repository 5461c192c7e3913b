package ma.crafts.register.command.imports;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import ma.crafts.register.errors.ForbiddenException;
import ma.crafts.register.errors.NotFoundException;
import ma.crafts.register.platform.idempotency.IdempotencyFilter;
import ma.crafts.register.platform.problem.Problem;
import ma.crafts.register.platform.problem.ProblemWriter;
import ma.crafts.register.platform.security.AccessPolicy;
import ma.crafts.register.platform.security.CurrentActor;
import ma.crafts.register.platform.security.Role;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Bulk imports of the chambers' existing registers, as jobs, over HTTP: a clerk imports its own region, the registry
 * administrator any. What a job is and does is {@link Imports}'; every row goes through the rules of the REST API
 * (see {@link RowMapper}).
 */
@RestController
@RequestMapping(path = "/api/v1/imports")
@Tag(name = "Imports", description = "Bulk imports of CSV and .xlsx files as jobs. CHAMBER_CLERK for its own region, "
        + "REGISTRY_ADMIN for any; other roles get 403.")
public class ImportController {
    private static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final Imports imports;
    private final AccessPolicy access;
    private final CurrentActor actor;
    private final ProblemWriter problems;
    private final Clock clock;

    public ImportController(Imports imports, AccessPolicy access, CurrentActor actor, ProblemWriter problems,
                            Clock clock) {
        this.imports = imports;
        this.access = access;
        this.actor = actor;
        this.problems = problems;
        this.clock = clock;
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "startImport", summary = "Start an import job",
            description = "Multipart parts: `file` (CSV in UTF-8, UTF-8 with BOM, UTF-16 with BOM or Windows-1256, "
                    + "or .xlsx; the first row names the columns of GET /api/v1/imports/templates/{kind}), `kind` "
                    + "(artisans, cooperatives, enterprises, cards, memberships), optional `regionCode` (a clerk's "
                    + "own region, its default; the administrator's choice, or none when every row names its region "
                    + "by its province or its artisan) and optional `encoding` (utf-8, utf-16, windows-1256; detected "
                    + "otherwise). Each row is checked and registered as the kind's POST would (POST "
                    + "/api/v1/artisans, /cooperatives, /enterprises, /artisans/{id}/cards, /artisans/{id}/memberships); "
                    + "a row whose record the register already holds with the same data is `alreadyPresent`. "
                    + "`?dryRun=true` checks every row and stores nothing. The same `Idempotency-Key` with the same "
                    + "file answers with the job it started.")
    @ApiResponse(responseCode = "202", description = "Started; the body is the job's status",
            headers = @Header(name = "Location", description = "/api/v1/imports/{id}", schema = @Schema(type = "string")))
    public ResponseEntity<ImportJobStatus> start(
            @RequestPart(name = "file", required = false) MultipartFile file,
            @Parameter(description = "artisans, cooperatives, enterprises, cards or memberships")
            @RequestPart(name = "kind", required = false) String kind,
            @Parameter(description = "ISO 3166-2:MA region code, e.g. MA-07")
            @RequestPart(name = "regionCode", required = false) String regionCode,
            @Parameter(description = "utf-8, utf-16 or windows-1256; detected when absent")
            @RequestPart(name = "encoding", required = false) String encoding,
            @Parameter(description = "Check every row and store nothing")
            @RequestParam(name = "dryRun", defaultValue = "false") boolean dryRun,
            @Parameter(description = "Repeating it with the same file answers with the job it started")
            @RequestHeader(name = IdempotencyFilter.HEADER, required = false) String idempotencyKey,
            HttpServletRequest request, HttpServletResponse response) throws IOException {
        access.requireAnyRole(Role.CHAMBER_CLERK, Role.REGISTRY_ADMIN);
        Imports.Request asked = new Imports.Request(file == null ? null : new MultipartUpload(file), kind,
                region(regionCode), encoding, dryRun, actor.subject(), idempotencyKey);
        Imports.Started started;
        try {
            started = imports.start(asked);
        } catch (Imports.KeyReused reused) {
            problems.write(request, response, Problem.idempotencyMismatch(reused.getMessage()));
            return null;
        }
        ResponseEntity.BodyBuilder accepted = ResponseEntity.accepted()
                .location(URI.create("/api/v1/imports/" + started.job().id()));
        if (started.earlier()) {
            accepted.header(IdempotencyFilter.REPLAYED_HEADER, "true");
        }
        return accepted.body(ImportJobStatus.of(started.job(), clock.instant()));
    }

    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "getImport", summary = "An import job's status",
            description = "Rows read, accepted, rejected and already present, bytes read of the file, rows per second "
                    + "and the ETA (null when unknown). The clerks of the job's region and the administrator.")
    @ApiResponse(responseCode = "200", description = "The job")
    public ImportJobStatus status(@PathVariable String id) {
        return ImportJobStatus.of(readable(id), clock.instant());
    }

    @GetMapping(path = "/{id}/errors", produces = "text/csv")
    @Operation(operationId = "getImportErrors", summary = "An import job's rejected rows",
            description = "CSV, UTF-8 with BOM: `row` (the header being row 1), the row's values with personal values "
                    + "masked (`***`), then every reason in French (`reason_fr`) and Arabic (`reason_ar`). While the "
                    + "job runs, the rows committed so far.")
    @ApiResponse(responseCode = "200", description = "The rejected rows", content = @io.swagger.v3.oas.annotations.media.Content(
            mediaType = "text/csv", schema = @Schema(type = "string")))
    public ResponseEntity<StreamingResponseBody> errors(@PathVariable String id) {
        ImportJob job = readable(id);
        StreamingResponseBody body = out -> imports.writeErrors(job, out);
        return ResponseEntity.ok().contentType(TEXT_CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"import-" + id + "-errors.csv\"")
                .body(body);
    }

    @GetMapping(path = "/{id}/report", produces = {MediaType.TEXT_HTML_VALUE, MediaType.APPLICATION_JSON_VALUE})
    @Operation(operationId = "getImportReport", summary = "An import job's one-page report",
            description = "A printable page in French and Arabic: the file, the counts, the timing and a link to the "
                    + "rejected rows; `Accept: application/json` gives the job's status instead.")
    @ApiResponse(responseCode = "200", description = "The report")
    public ResponseEntity<Object> report(@PathVariable String id,
                                         @Parameter(description = "application/json for the status as JSON")
                                         @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        ImportJobStatus status = status(id);
        if (accept != null && accept.contains(MediaType.APPLICATION_JSON_VALUE)) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(status);
        }
        return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .body(ImportReport.html(status));
    }

    @GetMapping(path = "/templates/{kind}", produces = "text/csv")
    @Operation(operationId = "getImportTemplate", summary = "The template of a kind of import",
            description = "CSV, UTF-8 with BOM: the columns a file of this kind needs, and one example row. Columns "
                    + "are described in the README's API section.")
    @ApiResponse(responseCode = "200", description = "The template", content = @io.swagger.v3.oas.annotations.media.Content(
            mediaType = "text/csv", schema = @Schema(type = "string")))
    public ResponseEntity<byte[]> template(@PathVariable String kind) throws IOException {
        access.requireAnyRole(Role.CHAMBER_CLERK, Role.REGISTRY_ADMIN);
        byte[] body = imports.template(kind)
                .orElseThrow(() -> new NotFoundException("No import template for '" + kind + "'"));
        return ResponseEntity.ok().contentType(TEXT_CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + kind + ".csv\"")
                .body(body);
    }

    /** A clerk imports its own region (the default); the administrator any region, or none. */
    private String region(String requested) {
        String asked = requested == null || requested.isBlank() ? null : requested.strip();
        if (actor.hasRole(Role.CHAMBER_CLERK)) {
            String own = actor.region();
            access.requireWriteAccessToRegion(asked == null ? own : asked);
            return own;
        }
        return asked;
    }

    private ImportJob readable(String id) {
        access.requireAnyRole(Role.CHAMBER_CLERK, Role.REGISTRY_ADMIN);
        ImportJob job = imports.find(id).orElseThrow(() -> new NotFoundException("No import job " + id));
        if (!actor.hasRole(Role.REGISTRY_ADMIN) && !Objects.equals(actor.region(), job.regionCode())) {
            throw new ForbiddenException("This import job is another region's");
        }
        return job;
    }

    /** A part of a multipart request, which the servlet container spooled to disk. */
    private record MultipartUpload(MultipartFile part) implements Imports.Upload {
        @Override
        public String fileName() {
            return part.getOriginalFilename();
        }

        @Override
        public long size() {
            return part.getSize();
        }

        @Override
        public InputStream open() throws IOException {
            return part.getInputStream();
        }

        @Override
        public void transferTo(Path target) throws IOException {
            part.transferTo(target);
        }
    }
}
