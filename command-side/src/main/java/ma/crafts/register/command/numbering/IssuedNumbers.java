package ma.crafts.register.command.numbering;

import java.util.Optional;

/**
 * The register of numbers handed to artisans: a nationwide uniqueness guard on top of the per-region counters, and
 * the way a path such as {@code /api/v1/cards/{cardNumber}/...} finds the artisan that holds the number.
 */
public interface IssuedNumbers {

    enum Kind { NIA, CARD }

    /**
     * Records that {@code number} belongs to {@code artisanId}.
     *
     * @throws IllegalStateException if the number is already held; the counters are then behind the issued numbers
     *                               (e.g. restored from an older backup), which needs an operator, not a retry
     */
    void claim(Kind kind, String number, String artisanId);

    /** Undoes {@link #claim} after the command that was to use the number failed. */
    void release(Kind kind, String number, String artisanId);

    /** The artisan holding {@code number}, if any. */
    Optional<String> holderOf(Kind kind, String number);
}
