package ma.crafts.register.command;

import java.util.function.Supplier;
import ma.crafts.register.errors.InvalidInputException;

/**
 * The optional reason a clerk gives for a change whose event has no {@code reason} field of its own (an amendment, a
 * relocation, a card renewal...). It travels as the command's metadata {@code reason}, which {@link ActorMetadata}
 * copies onto the command's events, so the recorded events keep their shape and the history shows the reason.
 *
 * <p>Held for the request thread while the command is dispatched: the dispatch interceptor runs on that thread.
 */
public final class StatedReason {
    public static final String REASON = "reason";
    public static final int MAX_LENGTH = 500;

    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private StatedReason() {
    }

    /**
     * Runs {@code work} with {@code reason} stated for the commands it dispatches; a null or blank reason states none.
     *
     * @throws InvalidInputException if the reason is longer than {@value #MAX_LENGTH} characters
     */
    public static <T> T during(String reason, Supplier<T> work) {
        String stated = reason == null || reason.isBlank() ? null : reason.strip();
        if (stated != null && stated.length() > MAX_LENGTH) {
            throw new InvalidInputException(REASON, "at most " + MAX_LENGTH + " characters");
        }
        String outer = CURRENT.get();
        CURRENT.set(stated);
        try {
            return work.get();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    /** The reason stated on this thread, or null. */
    static String current() {
        return CURRENT.get();
    }
}
