package ma.crafts.register.command.imports;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Duration;
import java.time.Instant;

/** A job as {@code GET /api/v1/imports/{id}} shows it (the shape the migration team's command line reads). */
@Schema(name = "ImportJob")
public record ImportJobStatus(String id, @Schema(allowableValues = {"artisans", "cooperatives", "enterprises", "cards",
        "memberships"}) String kind, String regionCode, boolean dryRun, String fileName,
                              @Schema(allowableValues = {"csv", "xlsx"}) String format,
                              @Schema(description = "utf-8, utf-16 or windows-1256; null for xlsx") String encoding,
                              ImportStatus status, @Schema(description = "Why the job stopped, when FAILED") String failure,
                              long rowsRead, long accepted, long rejected, long alreadyPresent, long bytesRead,
                              long bytesTotal, double rowsPerSecond,
                              @Schema(description = "Seconds left, null when unknown") Long etaSeconds,
                              Instant startedAt, Instant finishedAt, Links links) {

    public record Links(String errors, String report) {
    }

    public static ImportJobStatus of(ImportJob job, Instant now) {
        Instant end = job.finishedAt() != null ? job.finishedAt() : now;
        double seconds = job.startedAt() == null ? 0 : Duration.between(job.startedAt(), end).toMillis() / 1000.0;
        double rowsPerSecond = seconds > 0 ? Math.round(job.rowsRead() / seconds * 10) / 10.0 : 0;
        Long eta = null;
        if (job.status() == ImportStatus.RUNNING && seconds > 0 && job.bytesRead() > 0 && job.bytesTotal() > 0) {
            eta = Math.round(seconds * (job.bytesTotal() - job.bytesRead()) / job.bytesRead());
        } else if (job.status().finished()) {
            eta = 0L;
        }
        String self = "/api/v1/imports/" + job.id();
        return new ImportJobStatus(job.id(), job.kind().apiName(), job.regionCode(), job.dryRun(), job.fileName(),
                job.format(), job.encoding(), job.status(), job.failure(), job.rowsRead(), job.accepted(),
                job.rejected(), job.alreadyPresent(), job.bytesRead(), job.bytesTotal(), rowsPerSecond, eta,
                job.startedAt(), job.finishedAt(), new Links(self + "/errors", self + "/report"));
    }
}
