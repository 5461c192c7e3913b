package ma.crafts.register.eventstore.checkpoint;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ma.crafts.register.eventstore.ChainBreak;
import ma.crafts.register.eventstore.StoreVerification;
import ma.crafts.register.eventstore.StreamHeads;

/**
 * Compares the store, verified up to a checkpoint's position, with the heads the checkpoint sealed. A stream's head
 * covers every commit of the stream before it through the chain, so any event at or below the position that was changed,
 * removed (the stream's latest commits included) or added shows as a head that differs, a stream gone or a stream new.
 */
public final class CheckpointCheck {

    /**
     * @param breaks the store's own breaks, then every difference from the checkpoint
     */
    public record Outcome(Checkpoint checkpoint, boolean signatureHolds, StoreVerification.Result store,
                          List<ChainBreak> breaks) {
        public boolean valid() {
            return signatureHolds && breaks.isEmpty() && store.valid();
        }
    }

    private CheckpointCheck() {
    }

    public static Outcome compare(Checkpoint checkpoint, String trustedPem, StoreVerification.Result store) {
        List<ChainBreak> breaks = new ArrayList<>(store.breaks());
        Map<String, StreamHeads.Head> stored = new HashMap<>();
        store.heads().forEach(head -> stored.put(head.aggregateId(), head));
        for (StreamHeads.Head sealed : checkpoint.heads()) {
            StreamHeads.Head now = stored.remove(sealed.aggregateId());
            if (now == null) {
                breaks.add(new ChainBreak(sealed.aggregateId(), 0L, null, ChainBreak.Kind.STREAM_REMOVED, "stream "
                        + sealed.aggregateId() + " was sealed up to sequence " + sealed.lastSequence() + " but is gone"));
            } else if (!now.equals(sealed)) {
                long from = Math.min(now.lastSequence(), sealed.lastSequence());
                breaks.add(new ChainBreak(sealed.aggregateId(), from, null, ChainBreak.Kind.HEAD_CHANGED, "stream "
                        + sealed.aggregateId() + " was sealed at sequence " + sealed.lastSequence() + " with hash "
                        + sealed.hash() + "; the store now ends at sequence " + now.lastSequence() + " with hash "
                        + now.hash()));
            }
        }
        stored.values().forEach(added -> breaks.add(new ChainBreak(added.aggregateId(), 0L, null,
                ChainBreak.Kind.STREAM_ADDED, "stream " + added.aggregateId() + " has events at or below position "
                + checkpoint.position() + " that the checkpoint does not know")));
        return new Outcome(checkpoint, CheckpointSigner.holds(checkpoint, trustedPem), store, List.copyOf(breaks));
    }
}
