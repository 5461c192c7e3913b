package ma.crafts.register.standalone.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import ma.crafts.register.eventstore.StoreAudit;
import ma.crafts.register.eventstore.StoreVerification;
import ma.crafts.register.eventstore.checkpoint.Checkpoint;
import ma.crafts.register.eventstore.checkpoint.CheckpointArchive;
import ma.crafts.register.eventstore.checkpoint.CheckpointChain;
import ma.crafts.register.eventstore.checkpoint.CheckpointCheck;
import ma.crafts.register.eventstore.checkpoint.CheckpointRecords;
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
            description = "Write one of the register's checkpoints (the newest, or ID) as the JSON file to keep "
                    + "elsewhere.")
    static final class Export implements Callable<Integer> {
        @ParentCommand
        CheckpointCommand parent;

        @Parameters(arity = "0..1", paramLabel = "ID", description = "The checkpoint; none for the newest")
        Long id;

        @Option(names = {"-o", "--out"}, description = "The file to write; standard output when absent")
        Path out;

        @Override
        public Integer call() throws IOException {
            AuditCommand root = parent.root;
            try (StoreConnection store = root.connect()) {
                CheckpointRecords records = new CheckpointRecords(store.database());
                Optional<Checkpoint> checkpoint = (id == null ? records.latestWithoutHeads().map(Checkpoint::id)
                        : Optional.of(id)).flatMap(records::read);
                if (checkpoint.isEmpty()) {
                    root.err().println("The register has no checkpoint" + (id == null ? "" : " " + id));
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
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Verify the store up to a checkpoint's position against the heads it sealed, the "
                    + "personal-data read log against the record it sealed, its signature against the key you "
                    + "trust, and that the register's series of checkpoints still holds it and chains.")
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
                boolean seriesHolds = seriesHolds(checkpoint, new CheckpointRecords(store.database()).seriesWithoutHeads());
                return outcome.valid() && readLogHolds && seriesHolds ? AuditCommand.HOLDS : AuditCommand.BROKEN;
            }
        }

        /**
         * The register's series still holds this checkpoint as the file has it, and chains: a checkpoint removed from
         * the series, or replaced, shows, the latest ones included once the auditor keeps a later file.
         */
        private boolean seriesHolds(Checkpoint kept, List<Checkpoint> series) {
            Optional<Checkpoint> stored = series.stream().filter(checkpoint -> checkpoint.id() == kept.id()).findFirst();
            Optional<String> broken = CheckpointChain.firstBreak(series).map(CheckpointChain.Break::detail);
            if (stored.isEmpty()) {
                broken = Optional.of("the register holds no checkpoint " + kept.id() + " (" + series.size()
                        + " in its series): it was removed");
            } else if (!stored.get().canonicalText().equals(kept.canonicalText())) {
                broken = Optional.of("the register's checkpoint " + kept.id() + " is not the one this file holds");
            }
            parent.root.out().printf("series: %s%n", broken.map(detail -> "BROKEN; " + detail)
                    .orElse("HOLDS, " + series.size() + " checkpoints chained, checkpoint " + kept.id() + " as kept"));
            return broken.isEmpty();
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
