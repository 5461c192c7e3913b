package ma.crafts.register.query.eligibility;

import java.time.Duration;
import java.time.Instant;
import ma.crafts.register.query.RegisterCalendar;
import ma.crafts.register.query.eligibility.mongo.EligibilityRepository;

/**
 * The right to run a model's recompute passes, held in the model's own database by one query-side process at a time:
 * two processes judging the same pass would both count their list moves and could flip a pointer the other is still
 * computing. The holder takes it for a {@code term}, renews it while its pass runs, and gives it back when the pass
 * ends; a holder that died mid-pass is taken over once its term has run out, and the pass resumes under its number.
 *
 * @param holder the process, the same for every model it makes (a model is made afresh for each check)
 * @param term   how long a lease lasts unless renewed; a pass stalled longer than this (a pause of the whole
 *               process) loses it
 */
public record PassLease(String holder, Duration term) {

    /** A third of the term: a holder that renewed more recently still holds the lease without asking the database. */
    private Duration renewalAge() {
        return term.dividedBy(3);
    }

    /** One pass run under the lease. */
    final class Held {
        private final EligibilityRepository repository;
        private final RegisterCalendar calendar;
        private Instant renewed;

        private Held(EligibilityRepository repository, RegisterCalendar calendar, Instant renewed) {
            this.repository = repository;
            this.calendar = calendar;
            this.renewed = renewed;
        }

        /**
         * Whether the pass may write: true while the lease is this holder's, renewed once a third of its term has
         * gone by, so a holder that asks before each write never writes after another process has taken over (the
         * renewal fails once anyone else has held the lease, whether or not they still do).
         */
        boolean stillHeld() {
            Instant now = calendar.now();
            if (Duration.between(renewed, now).compareTo(renewalAge()) < 0) {
                return true;
            }
            if (!repository.renewLease(holder, now.plus(term))) {
                return false;
            }
            renewed = now;
            return true;
        }

        void release() {
            repository.releaseLease(holder);
        }
    }

    /** The lease for one pass, or null when another process holds it. */
    Held take(EligibilityRepository repository, RegisterCalendar calendar) {
        Instant now = calendar.now();
        return repository.takeLease(holder, now, now.plus(term)) ? new Held(repository, calendar, now) : null;
    }
}
