package ma.crafts.register.standalone.imports;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The migration team's command line: {@code java -jar standalone.jar import FILE --kind=artisans --region=MA-07}
 * ({@code deploy/register import ...}). It uploads the file to a running register, follows the job until it ends and
 * says where the rejected rows are. The job runs in the register, so interrupting this command does not stop it, and a
 * register restarted meanwhile is waited for. With {@code --direct} the job runs in this process instead, against the
 * store the environment names ({@code MONGODB_URI}), with no register running; interrupted, it resumes when the same
 * command runs again. Exit status 0 when the job completed (rows may have been rejected), 1 when it failed, 2 for a
 * bad command line, 3 when the register could not be reached or started, or refused the request.
 */
@Command(name = "register import", mixinStandardHelpOptions = true,
        description = "Import a CSV or xlsx file of artisans, cooperatives, enterprises, cards or memberships into the "
                + "register, and follow the import until it ends.")
public final class ImportCommand implements Callable<Integer> {
    static final int COMPLETED = 0;
    static final int FAILED = 1;
    static final int UNREACHABLE = 3;
    private static final List<String> KINDS = List.of("artisans", "cooperatives", "enterprises", "cards", "memberships");
    private static final int LINES_EVERY_POLLS = 10;

    enum ProgressDisplay { auto, bar, lines }

    @Parameters(paramLabel = "FILE", description = "The CSV (UTF-8, UTF-16 or Windows-1256) or .xlsx file")
    Path file;

    @Option(names = "--kind", required = true, paramLabel = "KIND",
            description = "artisans, cooperatives, enterprises, cards or memberships")
    String kind;

    @Option(names = "--region", paramLabel = "CODE",
            description = "The region the rows belong to (e.g. MA-07); a chamber clerk's own region by default")
    String region;

    @Option(names = "--dry-run", description = "Validate the whole file and store nothing")
    boolean dryRun;

    @Option(names = "--encoding", paramLabel = "NAME",
            description = "utf-8, utf-16 or windows-1256 for a CSV; detected when not given")
    String encoding;

    @Option(names = "--direct", description = "Run the import in this process against $MONGODB_URI (else the embedded "
            + "store in $DATA_DIR, which no running register may hold), instead of sending it to a register over HTTP")
    boolean direct;

    @Option(names = "-D", paramLabel = "SETTING=VALUE", description = "With --direct: a register setting over the "
            + "environment's, e.g. -Dregister.imports.concurrency=16")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--recorded-by", defaultValue = "register-import:${sys:user.name}", paramLabel = "NAME",
            description = "With --direct: who the register records as having registered the rows (default: "
                    + "${DEFAULT-VALUE})")
    String recordedBy;

    @Option(names = "--url", defaultValue = "${env:REGISTER_URL:-http://localhost:8080}", paramLabel = "URL",
            description = "The register (default: $REGISTER_URL or ${DEFAULT-VALUE})")
    URI url;

    @Option(names = "--token", defaultValue = "${env:REGISTER_TOKEN}", paramLabel = "TOKEN",
            description = "Bearer token of a chamber clerk or registry administrator (default: $REGISTER_TOKEN)")
    String token;

    @Option(names = "--errors-to", paramLabel = "FILE", description = "Save the rejected rows' CSV there")
    Path errorsTo;

    @Option(names = "--progress", defaultValue = "auto", paramLabel = "auto|bar|lines",
            description = "A bar on a terminal, plain lines otherwise (default: ${DEFAULT-VALUE})")
    ProgressDisplay progress;

    @Option(names = "--poll-seconds", defaultValue = "1", paramLabel = "S",
            description = "Seconds between two status reads (default: ${DEFAULT-VALUE})")
    double pollSeconds;

    @Option(names = "--wait-seconds", defaultValue = "600", paramLabel = "S",
            description = "How long the register may stay unreachable before giving up (default: ${DEFAULT-VALUE})")
    long waitSeconds;

    @Spec
    CommandSpec spec;

    /** Runs the command line on the process's standard streams and gives its exit status. */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), System.console() != null, args);
    }

    /** The same on these streams; {@code terminal}: whether {@code err} shows a bar rewritten in place. */
    public static int run(PrintWriter out, PrintWriter err, boolean terminal, String... args) {
        ImportCommand command = new ImportCommand();
        command.terminal = terminal;
        return new CommandLine(command).setOut(out).setErr(err).setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler((failure, commandLine, parsed) -> {
                    commandLine.getErr().println("register import: " + failure.getMessage());
                    return UNREACHABLE;
                }).execute(args);
    }

    private boolean terminal;

    @Override
    public Integer call() throws IOException, InterruptedException {
        String problem = problemWithArguments();
        if (problem != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), problem);
        }
        if (!direct) {
            return follow(new HttpImports(url, token, UUID.randomUUID()), "on " + url);
        }
        try (InProcessImports inProcess = InProcessImports.open(settings, recordedBy)) {
            return follow(inProcess, "in this process");
        }
    }

    private int follow(ImportTarget target, String where) throws IOException, InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        Patience patience = new Patience(err, pollSeconds, waitSeconds);
        ImportTarget.ImportRequest request = new ImportTarget.ImportRequest(file, kind.toLowerCase(Locale.ROOT),
                region, encoding, dryRun);
        JobStatus job = patience.call(() -> target.start(request));
        err.printf(Locale.ROOT, "import %s of %s (%s%s) %s %s%n", job.id(), file.getFileName(), request.kind(),
                dryRun ? ", dry run: nothing is stored" : "",
                job.rowsRead() > 0 ? String.format(Locale.ROOT, "resumed after %,d rows", job.rowsRead()) : "started",
                where);
        Progress display = Progress.of(progress == ProgressDisplay.bar || progress == ProgressDisplay.auto && terminal,
                err, LINES_EVERY_POLLS);
        String id = job.id();
        while (!job.finished()) {
            display.show(job);
            patience.pause();
            job = patience.call(() -> target.status(id));
        }
        display.show(job);
        display.finish();
        return report(job, target, spec.commandLine().getOut());
    }

    private String problemWithArguments() {
        if (!KINDS.contains(kind.toLowerCase(Locale.ROOT))) {
            return "--kind must be one of " + String.join(", ", KINDS) + ", got '" + kind + "'";
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            return "cannot read " + file;
        }
        if (!direct && !settings.isEmpty()) {
            return "-D settings are for --direct, which runs the register in this process";
        }
        if (!(pollSeconds > 0) || waitSeconds < 0) {
            return "--poll-seconds must be above 0 and --wait-seconds 0 or more";
        }
        return null;
    }

    private int report(JobStatus job, ImportTarget target, PrintWriter out) throws IOException, InterruptedException {
        if (JobStatus.FAILED.equals(job.status())) {
            out.printf("FAILED import %s after %,d rows: %s%n", job.id(), job.rowsRead(), job.failure());
        } else {
            out.printf(Locale.ROOT, "COMPLETED import %s%s: %,d rows read, %,d accepted, %,d rejected, %,d already present%n",
                    job.id(), job.dryRun() ? " (dry run, nothing stored)" : "", job.rowsRead(), job.accepted(),
                    job.rejected(), job.alreadyPresent());
        }
        if (job.rejected() > 0) {
            out.println("rejected rows: " + target.errorsLocation(job));
        }
        if (errorsTo != null) {
            target.saveErrors(job, errorsTo);
            out.println("rejected rows saved to " + errorsTo);
        }
        return JobStatus.FAILED.equals(job.status()) ? FAILED : COMPLETED;
    }
}
