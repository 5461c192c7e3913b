package ma.crafts.register.query.mongo;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.WrappedToken;
import org.bson.Document;

/**
 * The events a writer has applied, as a tracking token says: every position up to {@code upTo} except the
 * {@code gaps}. A position is not enough: the store delivers a late commit (a gap when later positions were read) after
 * events at higher positions, so a writer's events do not come in the order of their positions.
 */
public record WriterProgress(long upTo, SortedSet<Long> gaps) {
    private static final String UP_TO = "upTo";
    private static final String GAPS = "gaps";

    public WriterProgress {
        gaps = new TreeSet<>(gaps.headSet(upTo));
    }

    /** The event's tracking token as a writer keeps it; in position order when it has no gap-aware token. */
    public static WriterProgress after(EventMessage<?> message, long position) {
        if (message instanceof TrackedEventMessage<?> tracked
                && WrappedToken.unwrapLowerBound(tracked.trackingToken()) instanceof GapAwareTrackingToken token) {
            return new WriterProgress(token.getIndex(), token.getGaps());
        }
        return inOrder(position);
    }

    /** Progress of a writer whose events come in the order of their positions. */
    public static WriterProgress inOrder(long position) {
        return new WriterProgress(position, new TreeSet<>());
    }

    public boolean covers(long position) {
        return position <= upTo && !gaps.contains(position);
    }

    /** What either covers; its gaps are positions neither covers, so they stay among the two tokens' gaps. */
    public WriterProgress union(WriterProgress other) {
        SortedSet<Long> neither = new TreeSet<>();
        for (SortedSet<Long> candidates : List.of(gaps, other.gaps)) {
            candidates.stream().filter(p -> !covers(p) && !other.covers(p)).forEach(neither::add);
        }
        return new WriterProgress(Math.max(upTo, other.upTo), neither);
    }

    public Document toDocument() {
        return new Document(UP_TO, upTo).append(GAPS, List.copyOf(gaps));
    }

    /** A stored marker; a bare number is one written before gaps were kept. */
    public static WriterProgress fromStored(Object stored) {
        if (stored instanceof Number position) {
            return inOrder(position.longValue());
        }
        if (stored instanceof Document document && document.get(UP_TO) instanceof Number upTo) {
            SortedSet<Long> gaps = new TreeSet<>();
            document.getList(GAPS, Number.class, List.of()).forEach(gap -> gaps.add(gap.longValue()));
            return new WriterProgress(upTo.longValue(), gaps);
        }
        return null;
    }
}
