package ma.crafts.register.command.imports;

import java.io.IOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * One run of a job: reads its file as a stream and hands each row to the row workers, at most {@code concurrency} at
 * once, so that the event store's group commit gathers their appends. Rows finish in any order; the job commits them
 * in row order (counters, errors file, {@code lastCommittedRow}) and stores its progress every {@code saveEveryMillis},
 * so a run that stops anywhere (kill -9 included) resumes after its last committed row and runs the rows after it
 * again, each with the same record id, which makes them come out as they would have.
 */
final class ImportRun implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(ImportRun.class);
    /** Attempts at a row that fails for another reason than its data, 0.5 s, 1 s, 2 s, 4 s apart. */
    private static final int ROW_ATTEMPTS = 5;
    private static final long RETRY_PAUSE_MILLIS = 500;

    private record Finished(ImportedRow row, RowOutcome outcome) {
    }

    private final RowMapper mapper;
    private final ImportFiles files;
    private final ImportJobs jobs;
    private final RowActor actor;
    private final RowReasons reasons;
    private final Executor rowWorkers;
    private final int concurrency;
    private final long saveEveryMillis;
    private final Clock clock;
    private final BooleanSupplier stopping;

    private final Object lock = new Object();
    private final TreeMap<Long, Finished> finished = new TreeMap<>();
    /** Only a dry run's outcomes carry claims; a real run's reservations do this work. */
    private final DryRunClaims claims = new DryRunClaims();
    private ImportJob job;
    private ErrorsFile errors;
    private RowSource source;
    private long committedOrdinal;
    private long rowsRead;
    private long accepted;
    private long rejected;
    private long alreadyPresent;
    private long lastCommittedRow;
    private long lastSave;
    private volatile RuntimeException rowFailure;

    ImportRun(ImportJob job, RowMapper mapper, ImportFiles files, ImportJobs jobs, RowActor actor, RowReasons reasons,
              Executor rowWorkers, int concurrency, long saveEveryMillis, Clock clock, BooleanSupplier stopping) {
        // A dry run's claims live in memory only, so a dry run that stopped starts over: it stored nothing.
        this.job = job.dryRun() ? job.fromTheStart() : job;
        this.mapper = mapper;
        this.files = files;
        this.jobs = jobs;
        this.actor = actor;
        this.reasons = reasons;
        this.rowWorkers = rowWorkers;
        this.concurrency = concurrency;
        this.saveEveryMillis = saveEveryMillis;
        this.clock = clock;
        this.stopping = stopping;
        this.rowsRead = this.job.rowsRead();
        this.accepted = this.job.accepted();
        this.rejected = this.job.rejected();
        this.alreadyPresent = this.job.alreadyPresent();
        this.lastCommittedRow = this.job.lastCommittedRow();
    }

    @Override
    public void run() {
        Semaphore inFlight = new Semaphore(concurrency);
        try (RowSource rows = files.open(job);
             ErrorsFile errorsFile = new ErrorsFile(files.errors(job.id()), job.errorsLength(), mapper, reasons)) {
            synchronized (lock) {
                source = rows;
                errors = errorsFile;
                job = job.running(clock.instant());
                jobs.save(job);
            }
            long resumeAfter = job.lastCommittedRow();
            AtomicReference<List<String>> header = new AtomicReference<>();
            AtomicLong ordinal = new AtomicLong();
            rows.read((number, values) -> {
                if (header.get() == null) {
                    header.set(values.stream().map(v -> v.strip().toLowerCase(Locale.ROOT)).toList());
                    return true;
                }
                if (number <= resumeAfter) {
                    return true;
                }
                if (rowFailure != null) {
                    return false;
                }
                ImportedRow row = new ImportedRow(job.id(), number, byColumn(header.get(), values));
                long rowOrdinal = ordinal.incrementAndGet();
                inFlight.acquire();
                rowWorkers.execute(() -> {
                    try {
                        done(rowOrdinal, row, apply(row));
                    } catch (RuntimeException e) {
                        rowFailure = e;
                    } finally {
                        inFlight.release();
                    }
                });
                return true;
            });
            inFlight.acquire(concurrency);
            synchronized (lock) {
                // What was committed before a row failed stays counted; a row failing because the process stops
                // leaves the job RUNNING, to resume at the next start.
                save();
                if (rowFailure == null) {
                    job = job.finished(ImportStatus.COMPLETED, null, clock.instant());
                } else if (!stopping.getAsBoolean()) {
                    job = failed(rowFailure);
                }
                jobs.save(job);
            }
        } catch (InterruptedException stopped) {
            // The process is stopping: the job stays RUNNING and resumes at the next start.
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            synchronized (lock) {
                if (!stopping.getAsBoolean()) {
                    job = failed(e);
                    jobs.save(job);
                }
            }
        }
    }

    /** The job FAILED: a file that cannot be read, or a row the register could not process (its store, say). */
    private ImportJob failed(Exception e) {
        log.warn("Import {} failed: {}", job.id(), e.toString());
        return job.finished(ImportStatus.FAILED, describe(e), clock.instant());
    }

    /**
     * A row's rules give an outcome; anything else (a store timing out under load, say) is tried again, which a row
     * allows: it registers under the same record id each time and finds what an earlier attempt stored.
     */
    private RowOutcome apply(ImportedRow row) {
        String region = job.regionCode() != null ? job.regionCode() : mapper.regionOf(row);
        SecurityContextHolder.setContext(actor.clerkOf(job.submittedBy(), region));
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    return mapper.apply(row, job.dryRun());
                } catch (RuntimeException e) {
                    if (attempt == ROW_ATTEMPTS || stopping.getAsBoolean()) {
                        throw e;
                    }
                    log.info("Import {} row {}: attempt {} failed ({}), trying again", job.id(), row.number(), attempt,
                            e.toString());
                    pause(attempt);
                }
            }
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(RETRY_PAUSE_MILLIS << (attempt - 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted between attempts", e);
        }
    }

    /** Commits every row finished in an unbroken run from the last committed one, in row order. */
    private void done(long ordinal, ImportedRow row, RowOutcome outcome) {
        synchronized (lock) {
            finished.put(ordinal, new Finished(row, outcome));
            while (!finished.isEmpty() && finished.firstKey() == committedOrdinal + 1) {
                Finished next = finished.pollFirstEntry().getValue();
                RowOutcome settled = claims.settle(next.outcome());
                committedOrdinal++;
                rowsRead++;
                switch (settled.result()) {
                    case ACCEPTED -> accepted++;
                    case ALREADY_PRESENT -> alreadyPresent++;
                    case REJECTED -> {
                        rejected++;
                        try {
                            errors.append(next.row(), settled.reasons());
                        } catch (IOException e) {
                            throw new IllegalStateException("Cannot write the errors file of import " + job.id(), e);
                        }
                    }
                }
                lastCommittedRow = next.row().number();
            }
            if (clock.millis() - lastSave >= saveEveryMillis) {
                save();
            }
        }
    }

    private void save() {
        try {
            long errorsLength = errors.commit();
            job = job.progressed(rowsRead, accepted, rejected, alreadyPresent, source.bytesRead(), lastCommittedRow,
                    errorsLength);
            jobs.save(job);
            lastSave = clock.millis();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write the errors file of import " + job.id(), e);
        }
    }

    private static Map<String, String> byColumn(List<String> header, List<String> values) {
        Map<String, String> byColumn = new HashMap<>();
        for (int i = 0; i < header.size() && i < values.size(); i++) {
            byColumn.put(header.get(i), values.get(i));
        }
        return byColumn;
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
