package ma.crafts.register.eventstore;

import java.util.List;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;

/** Answers "has this processor applied global position n yet?" for read-your-writes, without claiming any token. */
public class TrackingProgress {
    private final MongoTokenStore tokenStore;

    public TrackingProgress(MongoTokenStore tokenStore) {
        this.tokenStore = tokenStore;
    }

    /** True once every segment of the processor has passed {@code position} and does not still wait for it as a gap. */
    public boolean hasApplied(String processorName, long position) {
        List<TrackingToken> tokens = tokenStore.peekTokens(processorName);
        if (tokens.isEmpty()) {
            return false;
        }
        for (TrackingToken token : tokens) {
            TrackingToken current = token == null ? null : WrappedToken.unwrapLowerBound(token);
            if (!(current instanceof GapAwareTrackingToken gapAware)
                    || gapAware.getIndex() < position || gapAware.getGaps().contains(position)) {
                return false;
            }
        }
        return true;
    }
}
