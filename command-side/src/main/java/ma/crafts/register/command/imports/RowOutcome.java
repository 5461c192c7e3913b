package ma.crafts.register.command.imports;

import java.util.List;
import ma.crafts.register.command.imports.RowReasons.Reason;

/** What became of one row. */
public record RowOutcome(Result result, List<Reason> reasons) {

    public enum Result {
        ACCEPTED, REJECTED, ALREADY_PRESENT
    }

    public static final RowOutcome ACCEPTED = new RowOutcome(Result.ACCEPTED, List.of());
    public static final RowOutcome ALREADY_PRESENT = new RowOutcome(Result.ALREADY_PRESENT, List.of());

    public static RowOutcome rejected(List<Reason> reasons) {
        return new RowOutcome(Result.REJECTED, List.copyOf(reasons));
    }
}
