package ma.crafts.register.command.imports;

/** A job's life: waiting for a worker, reading rows, done with every row, or stopped by a failure of the file. */
public enum ImportStatus {
    QUEUED, RUNNING, COMPLETED, FAILED;

    public boolean finished() {
        return this == COMPLETED || this == FAILED;
    }
}
