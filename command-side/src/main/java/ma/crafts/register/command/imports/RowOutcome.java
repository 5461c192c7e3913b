package ma.crafts.register.command.imports;

import java.util.List;
import ma.crafts.register.command.imports.RowReasons.Reason;

/**
 * What became of one row. {@code claim}, on a dry run's accepted row, is what the rows after it must not take (see
 * {@link RowClaim}); null otherwise.
 */
public record RowOutcome(Result result, List<Reason> reasons, RowClaim claim) {

    public enum Result {
        ACCEPTED, REJECTED, ALREADY_PRESENT
    }

    public static final RowOutcome ACCEPTED = new RowOutcome(Result.ACCEPTED, List.of(), null);
    public static final RowOutcome ALREADY_PRESENT = new RowOutcome(Result.ALREADY_PRESENT, List.of(), null);

    public static RowOutcome accepted(RowClaim claim) {
        return new RowOutcome(Result.ACCEPTED, List.of(), claim);
    }

    public static RowOutcome rejected(List<Reason> reasons) {
        return new RowOutcome(Result.REJECTED, List.copyOf(reasons), null);
    }
}
