package ma.crafts.register.command.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import ma.crafts.register.errors.InvalidInputException;
import ma.crafts.register.reference.Geography;
import org.apache.commons.csv.CSVFormat;

/**
 * The register's import jobs, for whoever asks: the HTTP API ({@link ImportController}), or the migration team's
 * command line running the job in its own process. Starting one checks the request (kind, region, encoding, file),
 * spools the upload, detects its encoding, checks its header, creates the job and starts it. Who may import which
 * region is the caller's to decide before it asks.
 */
public class Imports {
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    /** A file to import: the part of a request, or a file on this machine's disk. */
    public interface Upload {
        /** The name the file had where it came from, or null. */
        String fileName();

        long size() throws IOException;

        InputStream open() throws IOException;

        /** Moves or copies the file to {@code target}, which does not exist yet. */
        void transferTo(Path target) throws IOException;

        static Upload of(Path file) {
            return new Upload() {
                @Override
                public String fileName() {
                    return file.getFileName().toString();
                }

                @Override
                public long size() throws IOException {
                    return Files.size(file);
                }

                @Override
                public InputStream open() throws IOException {
                    return Files.newInputStream(file);
                }

                @Override
                public void transferTo(Path target) throws IOException {
                    Files.copy(file, target);
                }
            };
        }
    }

    /**
     * What a caller asks for, as it asked (kind, encoding and region are checked here).
     *
     * @param regionCode     the region the rows belong to, or null when each row's province names it
     * @param submittedBy    recorded as every event's {@code recordedBy}
     * @param idempotencyKey null, or the caller's key: one job per key and submitter
     */
    public record Request(Upload file, String kind, String regionCode, String encoding, boolean dryRun,
                          String submittedBy, String idempotencyKey) {
    }

    /** @param earlier the job an earlier request started: the same idempotency key, or a job resumed */
    public record Started(ImportJob job, boolean earlier) {
    }

    /** The idempotency key was used for another import: its kind, region, dry-run flag or file differ. */
    public static final class KeyReused extends RuntimeException {
        KeyReused() {
            super("Idempotency-Key was already used for another import (kind, region, dryRun or file differ)");
        }
    }

    /** A request once checked: its kind's rows and the encoding it declared, if any. */
    private record Checked(RowMapper mapper, ImportEncoding declared) {
    }

    private final ImportJobRunner runner;
    private final ImportJobs jobs;
    private final ImportFiles files;
    private final Geography geography;

    public Imports(ImportJobRunner runner, ImportJobs jobs, ImportFiles files, Geography geography) {
        this.runner = runner;
        this.jobs = jobs;
        this.files = files;
        this.geography = geography;
    }

    /**
     * Starts a job, or answers with the one an earlier request under the same idempotency key started.
     *
     * @throws InvalidInputException a bad kind, region or encoding, an empty file, a header without the kind's columns;
     *                               nothing is stored then
     * @throws KeyReused             the key was used for another import
     */
    public Started start(Request request) throws IOException {
        Checked checked = check(request);
        String requestKey = request.idempotencyKey() == null ? null
                : request.submittedBy() + "\n" + request.idempotencyKey();
        String id = requestKey == null ? UUID.randomUUID().toString()
                : UUID.nameUUIDFromBytes(("import\n" + requestKey).getBytes(StandardCharsets.UTF_8)).toString();
        Optional<ImportJob> existing = requestKey == null ? Optional.empty() : jobs.find(id);
        if (existing.isPresent()) {
            return repeated(existing.get(), request);
        }
        ImportJob job;
        try {
            ImportFiles.Spooled spooled = files.spool(id, request.file());
            String detected = ImportFiles.CSV.equals(spooled.format())
                    ? ImportEncoding.detect(spooled.path(), checked.declared()).encoding().apiName() : null;
            job = new ImportJob(id, checked.mapper().kind(), request.regionCode(), request.dryRun(),
                    request.file().fileName(), spooled.format(), detected, ImportStatus.QUEUED, null, 0, 0, 0, 0, 0,
                    spooled.size(), null, null, request.submittedBy(), requestKey, spooled.sha256(),
                    ImportJob.HEADER_ROW, 0);
            checkHeader(job, checked.mapper());
        } catch (RuntimeException | IOException refused) {
            files.discard(id);
            throw refused;
        }
        if (!jobs.create(job)) {
            files.discard(id);
            return repeated(jobs.find(id).orElseThrow(), request);
        }
        runner.start(job);
        return new Started(job, false);
    }

    /**
     * For a process that runs its jobs itself (the command line's direct mode): an unfinished job of the same file,
     * kind, region and dry-run flag by the same submitter, whose upload is on this machine, is resumed here after its
     * last committed row; otherwise a new job starts, as {@link #start} starts it.
     */
    public Started startOrResume(Request request) throws IOException {
        check(request);
        String sha256 = files.digest(request.file());
        for (ImportJob unfinished : jobs.unfinished()) {
            if (sameImport(unfinished, request, sha256)
                    && Objects.equals(unfinished.submittedBy(), request.submittedBy())
                    && files.hasUpload(unfinished.id())) {
                runner.start(unfinished);
                return new Started(unfinished, true);
            }
        }
        return start(request);
    }

    public Optional<ImportJob> find(String id) {
        return jobs.find(id);
    }

    /** The file the job writes its rejected rows to, on the disk of the machine that runs it. */
    public Path errorsFile(ImportJob job) {
        return files.errors(job.id());
    }

    /** The job's rejected rows as the errors CSV: those committed so far while it runs. */
    public void writeErrors(ImportJob job, OutputStream out) throws IOException {
        if (job.errorsLength() == 0) {
            out.write(BOM);
            out.write(CSVFormat.DEFAULT.format(ErrorsFile.header(mapper(job.kind())).toArray())
                    .getBytes(StandardCharsets.UTF_8));
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
    }

    /** The kind's template, CSV in UTF-8 with BOM: its columns and one example row; empty for a kind not imported. */
    public Optional<byte[]> template(String kind) throws IOException {
        Optional<RowMapper> found = ImportKind.parse(kind).flatMap(runner::mapper);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder csv = new StringBuilder();
        CSVFormat format = CSVFormat.DEFAULT.builder().setRecordSeparator("\r\n").get();
        format.printRecord(csv, found.get().columns().toArray());
        format.printRecord(csv, found.get().example().toArray());
        byte[] text = csv.toString().getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[BOM.length + text.length];
        System.arraycopy(BOM, 0, body, 0, BOM.length);
        System.arraycopy(text, 0, body, BOM.length, text.length);
        return Optional.of(body);
    }

    private RowMapper mapper(ImportKind kind) {
        return runner.mapper(kind).orElseThrow(() -> new IllegalStateException("No rows of kind " + kind));
    }

    private Checked check(Request request) throws IOException {
        String kind = request.kind() == null ? "" : request.kind().strip().toLowerCase(Locale.ROOT);
        ImportKind importKind = ImportKind.parse(kind).orElseThrow(() -> new InvalidInputException("kind",
                "must be one of artisans, cooperatives, enterprises, cards, memberships"));
        RowMapper mapper = mapper(importKind);
        String encoding = request.encoding();
        ImportEncoding declared = encoding == null || encoding.isBlank() ? null : ImportEncoding.parse(encoding.strip())
                .orElseThrow(() -> new InvalidInputException("encoding", "must be utf-8, utf-16 or windows-1256"));
        String region = request.regionCode();
        if (region != null && geography.region(region).isEmpty()) {
            throw new InvalidInputException("regionCode", "'" + region + "' is not an ISO 3166-2:MA region code");
        }
        if (request.file() == null || request.file().size() == 0) {
            throw new InvalidInputException("file", "is required and must not be empty");
        }
        return new Checked(mapper, declared);
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

    /** The same key again: the job it started, if the request is the same. */
    private Started repeated(ImportJob existing, Request request) throws IOException {
        if (!sameImport(existing, request, files.digest(request.file()))) {
            throw new KeyReused();
        }
        return new Started(existing, true);
    }

    private static boolean sameImport(ImportJob job, Request request, String fileSha256) {
        return job.kind().apiName().equals(request.kind().strip().toLowerCase(Locale.ROOT))
                && job.dryRun() == request.dryRun() && Objects.equals(job.regionCode(), request.regionCode())
                && job.fileSha256().equals(fileSha256);
    }
}
