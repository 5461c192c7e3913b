package ma.crafts.register.eventstore;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Recently seen stream ends, so an append usually finds the previous hash, and the position of the commit holding it,
 * without a lookup.
 */
final class StreamTips {
    private final Map<String, Object[]> tips;

    StreamTips(int capacity) {
        this.tips = Collections.synchronizedMap(new LinkedHashMap<>(capacity, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Object[]> eldest) {
                return size() > capacity;
            }
        });
    }

    void advance(String aggregateId, long lastSeq, String hash, long commitPosition) {
        tips.merge(aggregateId, new Object[]{lastSeq, new AggregateStreams.Link(hash, commitPosition)},
                (old, candidate) -> (long) old[0] >= (long) candidate[0] ? old : candidate);
    }

    Optional<AggregateStreams.Link> linkAt(String aggregateId, long lastSeq) {
        Object[] tip = tips.get(aggregateId);
        return tip != null && (long) tip[0] == lastSeq ? Optional.of((AggregateStreams.Link) tip[1]) : Optional.empty();
    }
}
