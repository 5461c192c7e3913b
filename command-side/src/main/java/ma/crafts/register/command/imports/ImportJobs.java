package ma.crafts.register.command.imports;

import java.util.List;
import java.util.Optional;

/** Where import jobs and their progress are kept, so that a restart finds the unfinished ones. */
public interface ImportJobs {

    /** Stores a new job; false when a job with its id exists already (a repeated {@code Idempotency-Key}). */
    boolean create(ImportJob job);

    void save(ImportJob job);

    Optional<ImportJob> find(String id);

    /** Jobs QUEUED or RUNNING: those a process stopped before it finished them. */
    List<ImportJob> unfinished();
}
