package ma.crafts.register.command.imports;

import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Runs import jobs in the background, one reading thread per job and a shared pool of row workers, and at start-up
 * resumes the jobs a stopped process left QUEUED or RUNNING, those whose upload is on this machine's disk: a job the
 * command line ran on another machine is that machine's to resume.
 */
public class ImportJobRunner implements ApplicationListener<ApplicationReadyEvent>, DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(ImportJobRunner.class);

    private final Map<ImportKind, RowMapper> mappers = new EnumMap<>(ImportKind.class);
    private final ImportFiles files;
    private final ImportJobs jobs;
    private final RowActor actor;
    private final RowReasons reasons;
    private final int concurrency;
    private final long saveEveryMillis;
    private final boolean resumeAtStart;
    private final Clock clock;
    private final ExecutorService jobThreads = Executors.newCachedThreadPool(named("import-job-"));
    private final ExecutorService rowWorkers;
    private volatile boolean stopping;

    /**
     * @param concurrency     rows in flight per job, and row worker threads
     * @param saveEveryMillis how often a running job stores its progress; what a crash can make it run again
     * @param resumeAtStart   whether to resume unfinished jobs at start-up; false in a process that runs one job
     */
    public ImportJobRunner(List<RowMapper> mappers, ImportFiles files, ImportJobs jobs, RowActor actor,
                           RowReasons reasons, int concurrency, long saveEveryMillis, boolean resumeAtStart,
                           Clock clock) {
        mappers.forEach(mapper -> this.mappers.put(mapper.kind(), mapper));
        this.files = files;
        this.jobs = jobs;
        this.actor = actor;
        this.reasons = reasons;
        this.concurrency = concurrency;
        this.saveEveryMillis = saveEveryMillis;
        this.resumeAtStart = resumeAtStart;
        this.clock = clock;
        this.rowWorkers = Executors.newFixedThreadPool(concurrency, named("import-row-"));
    }

    /** The kind's columns and rules, if this register imports that kind. */
    public Optional<RowMapper> mapper(ImportKind kind) {
        return Optional.ofNullable(mappers.get(kind));
    }

    public void start(ImportJob job) {
        RowMapper mapper = mappers.get(job.kind());
        jobThreads.execute(new ImportRun(job, mapper, files, jobs, actor, reasons, rowWorkers, concurrency,
                saveEveryMillis, clock, () -> stopping));
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        if (!resumeAtStart) {
            return;
        }
        for (ImportJob job : jobs.unfinished()) {
            if (files.hasUpload(job.id())) {
                log.info("Resuming import {} after row {}", job.id(), job.lastCommittedRow());
                start(job);
            } else {
                log.info("Import {} is unfinished, but its file is on another machine: left to it", job.id());
            }
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        stopping = true;
        jobThreads.shutdownNow();
        rowWorkers.shutdownNow();
        jobThreads.awaitTermination(10, TimeUnit.SECONDS);
        rowWorkers.awaitTermination(10, TimeUnit.SECONDS);
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
