package ma.crafts.register.standalone.audit;

import ma.crafts.register.eventstore.HashChain;
import ma.crafts.register.eventstore.StoreAudit;
import ma.crafts.register.eventstore.StoreVerification;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Verify one stream's hash chain (an artisan, cooperative, enterprise or body id), or without an id "
                + "the whole store: every commit's hash, every stream's chain, every position between commits.")
final class VerifyCommand extends AuditCommand.Sub {
    @Parameters(arity = "0..1", paramLabel = "ID", description = "The stream to verify; none for the whole store")
    String id;

    @Override
    public Integer call() {
        try (StoreConnection store = root.connect()) {
            StoreAudit audit = StoreAudit.readOnly(store.database());
            return id == null ? whole(audit) : stream(audit);
        }
    }

    private int stream(StoreAudit audit) {
        HashChain.Verification verification = audit.verifyStream(id, null);
        if (verification.lastSequence() < 0 && verification.intact()) {
            root.err().println("No events under " + id);
            return AuditCommand.BROKEN;
        }
        root.out().printf("%s: %s, %d events, head %s at sequence %d%n", id, verification.intact() ? "VALID" : "BROKEN",
                verification.eventsChecked(), verification.headHash(), verification.lastSequence());
        verification.breaks().forEach(root::printBreak);
        return verification.intact() ? AuditCommand.HOLDS : AuditCommand.BROKEN;
    }

    private int whole(StoreAudit audit) {
        StoreVerification.Result result = root.verifyStore(audit, Long.MAX_VALUE);
        root.out().printf("store: %s, %d events in %d commits over %d streams up to position %d, %d breaks%n",
                result.valid() ? "VALID" : "BROKEN", result.events(), result.commits(), result.heads().size(),
                result.lastPosition(), result.breakCount());
        result.breaks().forEach(root::printBreak);
        return result.valid() ? AuditCommand.HOLDS : AuditCommand.BROKEN;
    }
}
