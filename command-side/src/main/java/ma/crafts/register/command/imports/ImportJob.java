package ma.crafts.register.command.imports;

import java.time.Instant;

/**
 * An import job as stored: what was asked, and how far it got. Counters cover rows 2 to {@code lastCommittedRow}
 * exactly (row 1 is the header), and the errors file holds exactly their rejections in its first
 * {@code errorsLength} bytes, so a restart resumes after {@code lastCommittedRow} and counts nothing twice.
 *
 * @param submittedBy the token subject that started it, recorded as every event's {@code recordedBy}
 * @param requestKey  {@code subject} and {@code Idempotency-Key} of the request that started it, or null
 * @param fileSha256  of the upload, which tells a repeat of the request from another request under the same key
 */
public record ImportJob(String id, ImportKind kind, String regionCode, boolean dryRun, String fileName, String format,
                        String encoding, ImportStatus status, String failure, long rowsRead, long accepted,
                        long rejected, long alreadyPresent, long bytesRead, long bytesTotal, Instant startedAt,
                        Instant finishedAt, String submittedBy, String requestKey, String fileSha256,
                        long lastCommittedRow, long errorsLength) {

    /** The header is row 1, so the first data row is 2, as a spreadsheet numbers it. */
    public static final long HEADER_ROW = 1;

    public ImportJob running(Instant now) {
        return new ImportJob(id, kind, regionCode, dryRun, fileName, format, encoding, ImportStatus.RUNNING, null,
                rowsRead, accepted, rejected, alreadyPresent, bytesRead, bytesTotal, startedAt == null ? now : startedAt,
                null, submittedBy, requestKey, fileSha256, lastCommittedRow, errorsLength);
    }

    /** The job as before its first row: what a run that cannot resume where it stopped starts from. */
    public ImportJob fromTheStart() {
        return new ImportJob(id, kind, regionCode, dryRun, fileName, format, encoding, status, failure, 0, 0, 0, 0, 0,
                bytesTotal, startedAt, finishedAt, submittedBy, requestKey, fileSha256, HEADER_ROW, 0);
    }

    public ImportJob progressed(long rowsRead, long accepted, long rejected, long alreadyPresent, long bytesRead,
                                long lastCommittedRow, long errorsLength) {
        return new ImportJob(id, kind, regionCode, dryRun, fileName, format, encoding, status, failure, rowsRead,
                accepted, rejected, alreadyPresent, bytesRead, bytesTotal, startedAt, finishedAt, submittedBy,
                requestKey, fileSha256, lastCommittedRow, errorsLength);
    }

    public ImportJob finished(ImportStatus outcome, String failure, Instant now) {
        return new ImportJob(id, kind, regionCode, dryRun, fileName, format, encoding, outcome, failure, rowsRead,
                accepted, rejected, alreadyPresent, outcome == ImportStatus.COMPLETED ? bytesTotal : bytesRead,
                bytesTotal, startedAt == null ? now : startedAt, now, submittedBy, requestKey, fileSha256,
                lastCommittedRow, errorsLength);
    }
}
