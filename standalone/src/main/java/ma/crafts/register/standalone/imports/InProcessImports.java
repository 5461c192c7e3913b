package ma.crafts.register.standalone.imports;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import ma.crafts.register.command.CommandSideApplication;
import ma.crafts.register.command.imports.ImportJob;
import ma.crafts.register.command.imports.ImportJobStatus;
import ma.crafts.register.command.imports.Imports;
import ma.crafts.register.errors.InvalidInputException;
import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The import job run in this process, against the store the environment names ({@code MONGODB_URI}, else the embedded
 * store in {@code DATA_DIR}), with the command side's own configuration: the same rules, job machinery, progress and
 * resumption as in a register, and no HTTP port ({@code server.port=-1}). For the duration of the import this process
 * is one more command-side node of that store. The job's upload and errors file stay in this machine's
 * {@code DATA_DIR/imports/}; a register elsewhere leaves the job to it, and running the command again resumes it.
 */
final class InProcessImports implements ImportTarget, AutoCloseable {
    /**
     * No port, so nobody reaches the development tokens the web configuration wants; a random secret, so that no key
     * file is written for them; no other unfinished job is resumed here, since this process ends with its own. Only
     * errors are logged (on standard output, where the command's summary goes): the command says how the job went.
     */
    private static final List<String> IN_PROCESS = List.of("--server.port=-1", "--register.auth.mode=dev",
            "--register.imports.resume-at-start=false", "--logging.level.root=ERROR");

    private final ConfigurableApplicationContext context;
    private final Imports imports;
    private final String submittedBy;
    private final Clock clock = Clock.systemUTC();

    private InProcessImports(ConfigurableApplicationContext context, String submittedBy) {
        this.context = context;
        this.imports = context.getBean(Imports.class);
        this.submittedBy = submittedBy;
    }

    /**
     * Starts the command side in this process.
     *
     * @param settings    register settings given on the command line ({@code -Dregister.imports.concurrency=16}),
     *                    over those of the environment
     * @param submittedBy recorded as the {@code recordedBy} of every event the import appends
     */
    static InProcessImports open(Map<String, String> settings, String submittedBy) {
        List<String> args = new ArrayList<>(IN_PROCESS);
        byte[] secret = new byte[48];
        new SecureRandom().nextBytes(secret);
        args.add("--register.auth.dev-secret=" + Base64.getEncoder().encodeToString(secret));
        settings.forEach((name, value) -> args.add("--" + name + "=" + value));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(CommandSideApplication.class)
                .bannerMode(Banner.Mode.OFF).logStartupInfo(false).run(args.toArray(String[]::new));
        return new InProcessImports(context, submittedBy);
    }

    /** Resumes this user's unfinished job of the same file and request, if there is one; else starts one. */
    @Override
    public JobStatus start(ImportRequest request) throws IOException {
        try {
            Imports.Started started = imports.startOrResume(new Imports.Request(Imports.Upload.of(request.file()),
                    request.kind(), request.regionCode(), request.encoding(), request.dryRun(), submittedBy, null));
            return JobStatus.of(ImportJobStatus.of(started.job(), clock.instant()));
        } catch (InvalidInputException refused) {
            throw new Refused(refused.getMessage(), false);
        }
    }

    @Override
    public JobStatus status(String jobId) {
        return JobStatus.of(ImportJobStatus.of(job(jobId), clock.instant()));
    }

    @Override
    public String errorsLocation(JobStatus job) {
        return imports.errorsFile(job(job.id())).toString();
    }

    @Override
    public void saveErrors(JobStatus job, Path target) throws IOException {
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        try (OutputStream out = Files.newOutputStream(partial)) {
            imports.writeErrors(job(job.id()), out);
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
    }

    private ImportJob job(String id) {
        return imports.find(id).orElseThrow(() -> new IllegalStateException("No import job " + id));
    }

    /** Stops the job's workers; a job not finished stays RUNNING, to resume when the command runs again. */
    @Override
    public void close() {
        context.close();
    }
}
