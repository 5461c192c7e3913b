package ma.crafts.register.standalone.imports;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;
import ma.crafts.register.command.imports.ImportJobStatus;

/** What {@code GET /api/v1/imports/{id}} answers about an import job; the fields the command line does not use are ignored. */
@JsonIgnoreProperties(ignoreUnknown = true)
record JobStatus(String id, String kind, String regionCode, boolean dryRun, String fileName, String status,
                 String failure, long rowsRead, long accepted, long rejected, long alreadyPresent, long bytesRead,
                 long bytesTotal, double rowsPerSecond, Long etaSeconds, Map<String, String> links) {

    static final String COMPLETED = "COMPLETED";
    static final String FAILED = "FAILED";

    /** The status a register in this process gives: what it would answer over HTTP. */
    static JobStatus of(ImportJobStatus job) {
        return new JobStatus(job.id(), job.kind(), job.regionCode(), job.dryRun(), job.fileName(), job.status().name(),
                job.failure(), job.rowsRead(), job.accepted(), job.rejected(), job.alreadyPresent(), job.bytesRead(),
                job.bytesTotal(), job.rowsPerSecond(), job.etaSeconds(),
                Map.of("errors", job.links().errors(), "report", job.links().report()));
    }

    boolean finished() {
        return COMPLETED.equals(status) || FAILED.equals(status);
    }

    /** The share of the file read, from 0 to 100; null while the server does not know the file's size. */
    Integer percentRead() {
        return bytesTotal <= 0 ? null : (int) Math.min(100, bytesRead * 100 / bytesTotal);
    }

    String link(String name) {
        return links == null ? null : links.get(name);
    }
}
