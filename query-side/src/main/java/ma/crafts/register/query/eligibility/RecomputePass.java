package ma.crafts.register.query.eligibility;

import java.time.LocalDate;

/**
 * The model's recompute passes: a pass re-judges every actor against the versions being written, after a revision
 * or once a day (verdicts that depend on the date, such as a card's validity or an age, change with it).
 *
 * @param number   the latest pass started; it orders the list and count moves of successive passes
 * @param running  true from the start of a pass until its switch, so a pass cut short by a restart is resumed
 * @param judgedOn the day the last finished pass judged; null before the first
 */
public record RecomputePass(long number, boolean running, LocalDate judgedOn) {

    public static final RecomputePass NONE = new RecomputePass(0, false, null);
}
