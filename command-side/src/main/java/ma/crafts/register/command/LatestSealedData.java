package ma.crafts.register.command;

import java.util.function.Function;
import java.util.function.Supplier;
import org.axonframework.modelling.command.ConcurrencyException;

/**
 * A change to a record's sealed personal data is merged into the latest sealed data, and its command says which data
 * that was; if the aggregate finds another change recorded in between, it refuses the command with a
 * {@link ConcurrencyException} and the change is merged again into what is latest now, at most {@value #ATTEMPTS}
 * times. Two concurrent amendments then cannot undo each other, and neither fails for the other's sake.
 */
public final class LatestSealedData {
    public static final int ATTEMPTS = 3;

    private LatestSealedData() {
    }

    /** Applies {@code change} to what {@code latest} reads, again on a conflict; the last conflict propagates. */
    public static <C, R> R merge(Supplier<C> latest, Function<C, R> change) {
        ConcurrencyException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            C current = latest.get();
            try {
                return change.apply(current);
            } catch (ConcurrencyException e) {
                last = e;
            }
        }
        throw last;
    }
}
