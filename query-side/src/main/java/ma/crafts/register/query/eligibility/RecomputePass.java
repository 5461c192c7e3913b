package ma.crafts.register.query.eligibility;

import java.time.LocalDate;

/**
 * The model's recompute passes: a pass re-judges every actor against the versions being written after a revision,
 * and once a day the actors whose verdicts depend on the date (a card's validity, an age) and may change with it.
 *
 * @param number   the latest pass started; it orders the list and count moves of successive passes
 * @param running  true from the start of a pass until its switch, so a pass cut short by a restart is resumed
 * @param judgedOn the day the last finished pass judged; null before the first
 * @param daysBucketed true once a pass over every actor has put each in the bucket of the day its verdicts are to be
 *                     judged again (a model written before the buckets existed has none): from then on a new day
 *                     re-judges the actors of the days' buckets only
 */
public record RecomputePass(long number, boolean running, LocalDate judgedOn, boolean daysBucketed) {

    public static final RecomputePass NONE = new RecomputePass(0, false, null, false);
}
