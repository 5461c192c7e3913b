package ma.crafts.register.standalone.audit;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import ma.crafts.register.eventstore.ChainBreak;
import ma.crafts.register.eventstore.StoreAudit;
import ma.crafts.register.eventstore.StoreVerification;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The auditor's command line: {@code java -jar standalone.jar audit <command>}. It reads the store without the web
 * server and writes nothing to it; personal data stays sealed in what it prints. Exit status 0 when what was checked
 * holds, 1 when it does not, 2 for a bad command line, 3 when the store cannot be read.
 */
@Command(name = "register-audit", mixinStandardHelpOptions = true,
        description = "Verify the register's event store and its signed checkpoints, and read a stream's history.",
        subcommands = {VerifyCommand.class, CheckpointCommand.class, HistoryCommand.class})
public final class AuditCommand {
    static final int HOLDS = 0;
    static final int BROKEN = 1;
    static final int UNREADABLE = 3;

    @Option(names = "--mongodb-uri", defaultValue = "${env:MONGODB_URI}",
            description = "MongoDB connection string (default: $MONGODB_URI); without one, the embedded data directory")
    String mongodbUri;

    @Option(names = "--data-dir", defaultValue = "${env:DATA_DIR:-./data}",
            description = "The embedded store's data directory, opened read-only (default: $DATA_DIR or ./data)")
    Path dataDir;

    @Option(names = "--database", defaultValue = "register",
            description = "Database name when the connection string names none (default: ${DEFAULT-VALUE})")
    String database;

    private Duration progressEvery;

    @Spec
    CommandSpec spec;

    @Option(names = "--progress-every", defaultValue = "PT1S",
            description = "How often a verification of the whole store says on standard error how far it got "
                    + "(ISO-8601 duration, default: ${DEFAULT-VALUE})")
    void progressEvery(Duration every) {
        if (every.isNegative()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--progress-every must not be negative, was " + every);
        }
        this.progressEvery = every;
    }

    /** Whether standard error is a terminal, where progress rewrites one line rather than adding lines to a log. */
    private boolean terminal;

    /** Runs the command line on the process's standard streams and gives its exit status. */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), System.console() != null,
                args);
    }

    /** Runs the command line on the given streams, which are not a terminal. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(out, err, false, args);
    }

    private static int run(PrintWriter out, PrintWriter err, boolean terminal, String... args) {
        AuditCommand command = new AuditCommand();
        command.terminal = terminal;
        return new CommandLine(command).setOut(out).setErr(err)
                .setExecutionExceptionHandler((failure, commandLine, parsed) -> {
                    // A store that cannot be opened or read is an answer too, said in one line, not a stack trace.
                    commandLine.getErr().println("register-audit: " + failure.getMessage());
                    return UNREADABLE;
                }).execute(args);
    }

    StoreConnection connect() {
        return StoreConnection.open(mongodbUri, dataDir, database);
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** A verification of the whole store up to {@code upTo}, with its progress on standard error. */
    StoreVerification.Result verifyStore(StoreAudit audit, long upTo) {
        ProgressLine progress = new ProgressLine(err(), progressEvery, terminal);
        StoreVerification.Result result = audit.verifyStore(upTo, progress::reached);
        progress.done(result.events());
        return result;
    }

    void printBreak(ChainBreak found) {
        out().printf("  %s%s%s: %s%n", found.kind(), found.aggregateId() == null ? "" : " " + found.aggregateId(),
                found.position() == null ? "" : " @" + found.position(), found.detail());
    }

    /** Subcommands reach the shared options through their parent. */
    abstract static class Sub implements Callable<Integer> {
        @CommandLine.ParentCommand
        AuditCommand root;
    }
}
