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
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import ma.crafts.register.errors.ForbiddenException;
import ma.crafts.register.errors.InvalidInputException;
import ma.crafts.register.errors.NotFoundException;
import ma.crafts.register.platform.idempotency.IdempotencyFilter;
import ma.crafts.register.platform.problem.Problem;
import ma.crafts.register.platform.problem.ProblemWriter;
import ma.crafts.register.platform.security.AccessPolicy;
import ma.crafts.register.platform.security.CurrentActor;
import ma.crafts.register.platform.security.Role;
import ma.crafts.register.reference.Geography;
import org.apache.commons.csv.CSVFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
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
 * Bulk imports of the chambers' existing registers, as jobs: a clerk imports its own region, the registry
 * administrator any. Every row goes through the rules of the REST API (see {@link RowMapper}).
 */
@RestController
@RequestMapping(path = "/api/v1/imports")
@Tag(name = "Imports", description = "Bulk imports of CSV and .xlsx files as jobs. CHAMBER_CLERK for its own region, "
        + "REGISTRY_ADMIN for any; other roles get 403.")
public class ImportController {
    private static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final ImportJobRunner runner;
    private final ImportJobs jobs;
    private final ImportFiles files;
    private final AccessPolicy access;
    private final CurrentActor actor;
    private final Geography geography;
    private final ProblemWriter problems;
    private final Clock clock;

    public ImportController(ImportJobRunner runner, ImportJobs jobs, ImportFiles files, AccessPolicy access,
                            CurrentActor actor, Geography geography, ProblemWriter problems, Clock clock) {
        this.runner = runner;
        this.jobs = jobs;
        this.files = files;
        this.access = access;
        this.actor = actor;
        this.geography = geography;
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
        String region = region(regionCode);
        ImportKind importKind = ImportKind.parse(kind == null ? "" : kind.strip().toLowerCase(Locale.ROOT))
                .orElseThrow(() -> new InvalidInputException("kind", "must be one of artisans, cooperatives, "
                        + "enterprises, cards, memberships"));
        RowMapper mapper = runner.mapper(importKind).orElseThrow(() -> new InvalidInputException("kind",
                importKind.apiName() + " cannot be imported yet; artisans can"));
        ImportEncoding declared = encoding == null || encoding.isBlank() ? null : ImportEncoding.parse(encoding.strip())
                .orElseThrow(() -> new InvalidInputException("encoding", "must be utf-8, utf-16 or windows-1256"));
        if (file == null || file.isEmpty()) {
            throw new InvalidInputException("file", "is required and must not be empty");
        }
        String subject = actor.subject();
        String requestKey = idempotencyKey == null ? null : subject + "\n" + idempotencyKey;
        String id = requestKey == null ? UUID.randomUUID().toString()
                : UUID.nameUUIDFromBytes(("import\n" + requestKey).getBytes(StandardCharsets.UTF_8)).toString();
        if (requestKey != null && jobs.find(id).isPresent()) {
            return repeated(jobs.find(id).get(), file, importKind, region, dryRun, request, response);
        }
        ImportJob job;
        try {
            ImportFiles.Spooled spooled = files.spool(id, file);
            String detected = ImportFiles.CSV.equals(spooled.format())
                    ? ImportEncoding.detect(spooled.path(), declared).encoding().apiName() : null;
            job = new ImportJob(id, importKind, region, dryRun, file.getOriginalFilename(), spooled.format(), detected,
                    ImportStatus.QUEUED, null, 0, 0, 0, 0, 0, spooled.size(), null, null, subject, requestKey,
                    spooled.sha256(), ImportJob.HEADER_ROW, 0);
            checkHeader(job, mapper);
        } catch (RuntimeException | IOException refused) {
            files.discard(id);
            throw refused;
        }
        if (!jobs.create(job)) {
            files.discard(id);
            return repeated(jobs.find(id).orElseThrow(), file, importKind, region, dryRun, request, response);
        }
        runner.start(job);
        return ResponseEntity.accepted().location(URI.create("/api/v1/imports/" + id))
                .body(ImportJobStatus.of(job, clock.instant()));
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
        RowMapper mapper = runner.mapper(job.kind()).orElseThrow();
        StreamingResponseBody body = out -> {
            if (job.errorsLength() == 0) {
                out.write(BOM);
                out.write(CSVFormat.DEFAULT.format(ErrorsFile.header(mapper).toArray()).getBytes(StandardCharsets.UTF_8));
                out.write("\r\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            try (InputStream in = Files.newInputStream(files.errors(job.id()))) {
                long left = job.errorsLength();
                byte[] buffer = new byte[1 << 16];
                for (int n; left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0; left -= n) {
                    out.write(buffer, 0, n);
                }
            }
        };
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
        RowMapper mapper = ImportKind.parse(kind).flatMap(runner::mapper)
                .orElseThrow(() -> new NotFoundException("No import template for '" + kind + "'"));
        StringBuilder csv = new StringBuilder();
        CSVFormat format = CSVFormat.DEFAULT.builder().setRecordSeparator("\r\n").get();
        format.printRecord(csv, mapper.columns().toArray());
        format.printRecord(csv, mapper.example().toArray());
        byte[] text = csv.toString().getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[BOM.length + text.length];
        System.arraycopy(BOM, 0, body, 0, BOM.length);
        System.arraycopy(text, 0, body, BOM.length, text.length);
        return ResponseEntity.ok().contentType(TEXT_CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + mapper.kind().apiName() + ".csv\"")
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
        access.requireAnyRole(Role.REGISTRY_ADMIN);
        if (asked != null && geography.region(asked).isEmpty()) {
            throw new InvalidInputException("regionCode", "'" + asked + "' is not an ISO 3166-2:MA region code");
        }
        return asked;
    }

    private ImportJob readable(String id) {
        access.requireAnyRole(Role.CHAMBER_CLERK, Role.REGISTRY_ADMIN);
        ImportJob job = jobs.find(id).orElseThrow(() -> new NotFoundException("No import job " + id));
        if (!actor.hasRole(Role.REGISTRY_ADMIN) && !Objects.equals(actor.region(), job.regionCode())) {
            throw new ForbiddenException("This import job is another region's");
        }
        return job;
    }

    /** The header names every column of the kind, and at least one row follows it. */
    private void checkHeader(ImportJob job, RowMapper mapper) throws IOException {
        List<List<String>> firstRows = new ArrayList<>();
        try (RowSource rows = files.open(job)) {
            rows.read((number, values) -> {
                firstRows.add(values);
                return firstRows.size() < 2;
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading the header", e);
        }
        if (firstRows.size() < 2) {
            throw new InvalidInputException("file", "holds no rows under a header");
        }
        List<String> header = firstRows.get(0).stream().map(v -> v.strip().toLowerCase(Locale.ROOT)).toList();
        List<String> missing = mapper.columns().stream().filter(column -> !header.contains(column)).toList();
        if (!missing.isEmpty()) {
            throw new InvalidInputException("file", "the header lacks the columns " + String.join(", ", missing)
                    + " (GET /api/v1/imports/templates/" + mapper.kind().apiName() + ")");
        }
    }

    /** The same key again: the job it started, if the request is the same; 422 otherwise. */
    private ResponseEntity<ImportJobStatus> repeated(ImportJob existing, MultipartFile file, ImportKind kind,
                                                     String region, boolean dryRun, HttpServletRequest request,
                                                     HttpServletResponse response) throws IOException {
        String sha256 = files.digest(file);
        if (existing.kind() != kind || existing.dryRun() != dryRun || !Objects.equals(existing.regionCode(), region)
                || !existing.fileSha256().equals(sha256)) {
            problems.write(request, response, Problem.idempotencyMismatch("Idempotency-Key was already used for "
                    + "another import (kind, region, dryRun or file differ)"));
            return null;
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create("/api/v1/imports/" + existing.id()))
                .header(IdempotencyFilter.REPLAYED_HEADER, "true").body(ImportJobStatus.of(existing, clock.instant()));
    }
}
