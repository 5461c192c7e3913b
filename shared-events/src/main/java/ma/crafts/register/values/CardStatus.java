package ma.crafts.register.values;

import java.time.LocalDate;

public enum CardStatus {
    VALID, EXPIRED, SUSPENDED, REVOKED, LOST;

    /**
     * The status that a card recorded with this status reads on {@code day}. A VALID or SUSPENDED card past its last
     * valid day reads EXPIRED before its expiry is recorded, so that neither a decision on the command side nor a view
     * on the query side depends on when the expiry deadline runs. A card without a last valid day does not expire.
     */
    public CardStatus effectiveOn(LocalDate day, LocalDate validUntil) {
        if ((this == VALID || this == SUSPENDED) && validUntil != null && day.isAfter(validUntil)) {
            return EXPIRED;
        }
        return this;
    }
}
