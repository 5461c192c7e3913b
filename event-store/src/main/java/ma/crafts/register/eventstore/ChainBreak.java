package ma.crafts.register.eventstore;

/**
 * One thing verification found wrong with the stored record, named so that an auditor can find the document: the
 * aggregate and sequence where its chain breaks and the global position of the commit, where known.
 *
 * @param aggregateId the stream, or {@code null} for a break in the global positions themselves
 * @param sequence    the aggregate sequence where the chain breaks, or {@code null}
 * @param position    the global position of the commit concerned, or {@code null}
 */
public record ChainBreak(String aggregateId, Long sequence, Long position, Kind kind, String detail) {

    public enum Kind {
        /** A commit's events no longer hash to its stored hash. */
        MODIFIED,
        /** Events of a commit are out of sequence order. */
        REORDERED,
        /** A commit holds fewer events than its sequences say: an event was taken out of it. */
        EVENT_REMOVED,
        /** A commit holds more events than its sequences say, or a commit overlaps sequences already stored. */
        INSERTED,
        /** Sequences of a stream are missing: a commit was removed. */
        MISSING,
        /** A commit's previous hash is not the hash of the stream's previous commit. */
        UNLINKED,
        /** Global positions below the head are held by neither a commit nor a void: a commit was removed. */
        POSITIONS_MISSING,
        /** A stream's head differs from the one a checkpoint sealed: commits at or below it were changed or removed. */
        HEAD_CHANGED,
        /** A stream sealed by a checkpoint is gone from the store. */
        STREAM_REMOVED,
        /** A stream the checkpoint does not know has commits at or below the checkpoint's position. */
        STREAM_ADDED
    }
}
