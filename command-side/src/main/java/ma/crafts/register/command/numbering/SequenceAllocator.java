package ma.crafts.register.command.numbering;

/**
 * Hands out numbers 1, 2, 3… per {@link SequenceKey}, unique under concurrency and across processes. A number whose
 * command then failed is {@link #giveBack given back} and handed out again before any new one, so the numbers that
 * end up in the register have no gaps.
 */
public interface SequenceAllocator {

    /** A returned number of this series if there is one, else the next never-used number. */
    long next(SequenceKey key);

    /** Returns a number whose command did not go through, for the next {@link #next} of the same key. */
    void giveBack(SequenceKey key, long number);
}
