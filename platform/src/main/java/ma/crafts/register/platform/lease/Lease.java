package ma.crafts.register.platform.lease;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The right to do one kind of work that only one process at a time may do (an eligibility recompute pass, sealing a
 * checkpoint), held in a {@link LeaseDocument} of the shared database. The holder takes it for a {@code term}, renews
 * it while the work runs, and gives it back when the work ends; a holder that died at work is taken over once its
 * term has run out.
 *
 * @param holder the process, the same for every piece of work it does under this lease
 * @param term   how long a lease lasts unless renewed; work stalled longer than this (a pause of the whole process)
 *               loses it
 */
public record Lease(String holder, Duration term) {

    /** A third of the term: a holder that renewed more recently still holds the lease without asking the database. */
    private Duration renewalAge() {
        return term.dividedBy(3);
    }

    /** One piece of work done under the lease. */
    public final class Held {
        private final LeaseDocument document;
        private final Supplier<Instant> clock;
        private Instant renewed;

        private Held(LeaseDocument document, Supplier<Instant> clock, Instant renewed) {
            this.document = document;
            this.clock = clock;
            this.renewed = renewed;
        }

        /**
         * Whether the work may write: true while the lease is this holder's, renewed once a third of its term has
         * gone by, so a holder that asks before each write never writes after another process has taken over (the
         * renewal fails once anyone else has held the lease, whether or not they still do).
         */
        public boolean stillHeld() {
            Instant now = clock.get();
            if (Duration.between(renewed, now).compareTo(renewalAge()) < 0) {
                return true;
            }
            if (!document.renew(holder, now.plus(term))) {
                return false;
            }
            renewed = now;
            return true;
        }

        public void release() {
            document.release(holder);
        }
    }

    /** The lease for one piece of work, or null when another process holds it. */
    public Held take(LeaseDocument document, Supplier<Instant> clock) {
        Instant now = clock.get();
        return document.take(holder, now, now.plus(term)) ? new Held(document, clock, now) : null;
    }
}
