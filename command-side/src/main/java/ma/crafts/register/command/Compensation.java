package ma.crafts.register.command;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Undo steps run after a command failed. */
public final class Compensation {
    private static final Logger log = LoggerFactory.getLogger(Compensation.class);

    private Compensation() {
    }

    /**
     * Runs one undo step. If it fails too, that is logged and attached to the original failure, which stays what the
     * client sees: the undo failing must not turn a clear 409 into a 500.
     */
    public static void undo(RuntimeException original, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            log.error("Could not undo a step of a failed command ({})", original.toString(), e);
            original.addSuppressed(e);
        }
    }
}
