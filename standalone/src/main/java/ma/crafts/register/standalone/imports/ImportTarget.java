package ma.crafts.register.standalone.imports;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where the command's import job runs: a register reached over HTTP ({@link HttpImports}), or the register's job
 * machinery in this process ({@link InProcessImports}). Either way the command follows the same job status.
 */
interface ImportTarget {

    /** What a user asked to import. */
    record ImportRequest(Path file, String kind, String regionCode, String encoding, boolean dryRun) {
    }

    /** Starts the job; asked again after a lost answer, it answers with the same job. */
    JobStatus start(ImportRequest request) throws IOException, InterruptedException;

    JobStatus status(String jobId) throws IOException, InterruptedException;

    /** Where the user finds the job's rejected rows. */
    String errorsLocation(JobStatus job);

    /** Saves the rejected rows' CSV to {@code target}, replacing it only once the whole file is there. */
    void saveErrors(JobStatus job, Path target) throws IOException, InterruptedException;
}
