package ma.crafts.register.command.imports;

import com.carrotsearch.hppc.LongLongHashMap;
import java.util.List;

/**
 * A dry run's stand-in for the CIN reservations it does not make: the claims of the rows accepted so far, in row
 * order, so that a later row claiming the same identity comes out as the real import would make it: already present
 * with the same content, rejected as a duplicate with other content.
 */
final class DryRunClaims {
    private final LongLongHashMap contentByIdentity = new LongLongHashMap();

    /** The row's outcome once the rows before it are counted; called in row order. */
    RowOutcome settle(RowOutcome outcome) {
        RowClaim claim = outcome.claim();
        if (claim == null) {
            return outcome;
        }
        int index = contentByIdentity.indexOf(claim.identity());
        if (!contentByIdentity.indexExists(index)) {
            contentByIdentity.indexInsert(index, claim.identity(), claim.content());
            return outcome;
        }
        return contentByIdentity.indexGet(index) == claim.content() ? RowOutcome.ALREADY_PRESENT
                : RowOutcome.rejected(List.of(claim.duplicate()));
    }
}
