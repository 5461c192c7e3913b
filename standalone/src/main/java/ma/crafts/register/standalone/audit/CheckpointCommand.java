package ma.crafts.register.standalone.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import ma.crafts.register.eventstore.StoreAudit;
import ma.crafts.register.eventstore.StoreVerification;
import ma.crafts.register.eventstore.checkpoint.Checkpoint;
import ma.crafts.register.eventstore.checkpoint.CheckpointArchive;
import ma.crafts.register.eventstore.checkpoint.CheckpointCheck;
import ma.crafts.register.platform.security.CurrentActor;
import ma.crafts.register.query.readlog.PersonalDataReadLog;
import ma.crafts.register.query.readlog.ReadLogVerification;
import ma.crafts.register.query.readlog.mongo.ReadLogRecords;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;

@Command(name = "checkpoint", mixinStandardHelpOptions = true, description = "Export a signed checkpoint, or verify "
        + "the store against one.", subcommands = {CheckpointCommand.Export.class, CheckpointCommand.Verify.class})
final class CheckpointCommand {
    @ParentCommand
    AuditCommand root;

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write a sealed checkpoint (the newest, or ID) as the JSON file to keep elsewhere.")
    static final class Export implements Callable<Integer> {
        @ParentCommand
        CheckpointCommand parent;

        @Parameters(arity = "0..1", paramLabel = "ID", description = "The checkpoint; none for the newest")
        Long id;

        @Option(names = "--checkpoint-dir", defaultValue = "${env:CHECKPOINT_DIR}",
                description = "Where the register keeps its checkpoints (default: $CHECKPOINT_DIR, else "
                        + "<data-dir>-checkpoints)")
        Path checkpointDir;

        @Option(names = {"-o", "--out"}, description = "The file to write; standard output when absent")
        Path out;

        @Override
        public Integer call() throws IOException {
            AuditCommand root = parent.root;
            CheckpointArchive archive = new CheckpointArchive(checkpointDir != null ? checkpointDir
                    : root.defaultCheckpointDir());
            Optional<Checkpoint> checkpoint = id == null ? archive.latest() : archive.read(id);
            if (checkpoint.isEmpty()) {
                root.err().println("No checkpoint " + (id == null ? "" : id + " ") + "in " + archive.directory());
                return AuditCommand.BROKEN;
            }
            byte[] json = CheckpointArchive.toJson(checkpoint.get());
            if (out == null) {
                root.out().println(new String(json, StandardCharsets.UTF_8));
            } else {
                Files.write(out, json);
                root.err().println("Checkpoint " + checkpoint.get().id() + " written to " + out);
            }
            return AuditCommand.HOLDS;
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Verify the store up to a checkpoint's position against the heads it sealed, the "
                    + "personal-data read log against the record it sealed, and its signature against the key you "
                    + "trust.")
    static final class Verify implements Callable<Integer> {
        @ParentCommand
        CheckpointCommand parent;

        @Parameters(paramLabel = "FILE", description = "An exported checkpoint")
        Path file;

        @Option(names = "--public-key", paramLabel = "PEM",
                description = "The register's public key as you keep it; without it the key the file names is used, "
                        + "which proves only that the file is consistent")
        Path publicKey;

        @Override
        public Integer call() {
            AuditCommand root = parent.root;
            Checkpoint checkpoint = CheckpointArchive.readFile(file);
            String trusted = publicKey == null ? checkpoint.publicKey() : read(publicKey);
            if (publicKey == null) {
                root.err().println("warning: no --public-key; checking against the key the file names (" + checkpoint.keyId()
                        + ")");
            }
            try (StoreConnection store = root.connect()) {
                StoreVerification.Result result = root.verifyStore(StoreAudit.readOnly(store.database()),
                        checkpoint.position());
                CheckpointCheck.Outcome outcome = CheckpointCheck.compare(checkpoint, trusted, result);
                root.out().printf("checkpoint %d (position %d, sealed %s): %s; signature %s; %d breaks%n",
                        checkpoint.id(), checkpoint.position(), checkpoint.sealedAt(),
                        outcome.valid() ? "HOLDS" : "BROKEN", outcome.signatureHolds() ? "holds" : "DOES NOT HOLD",
                        outcome.breaks().size());
                outcome.breaks().forEach(root::printBreak);
                boolean readLogHolds = readLogHolds(checkpoint, store);
                return outcome.valid() && readLogHolds ? AuditCommand.HOLDS : AuditCommand.BROKEN;
            }
        }

        /** The read log up to the record the checkpoint sealed; a checkpoint of format 1 sealed none. */
        private boolean readLogHolds(Checkpoint checkpoint, StoreConnection store) {
            Checkpoint.LogHead sealed = checkpoint.readLog();
            if (sealed == null) {
                parent.root.out().println("read log: not sealed by this checkpoint (format 1)");
                return true;
            }
            ReadLogVerification now = new PersonalDataReadLog(new ReadLogRecords(store.database()), new CurrentActor(),
                    Clock.systemUTC()).verifyAgainst(sealed.sequence(), sealed.hash());
            parent.root.out().printf("read log: %s up to record %d%s%n", now.valid() ? "HOLDS" : "BROKEN",
                    sealed.sequence(), now.valid() ? "" : "; READ_LOG_CHANGED from record " + now.firstBrokenLink());
            return now.valid();
        }

        private static String read(Path pem) {
            try {
                return Files.readString(pem);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the public key " + pem, e);
            }
        }
    }
}
