package ma.crafts.register.eventstore;

import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * The part of a stored commit that belongs to one aggregate: its sequences, its link in the hash chain, and the commit
 * document it was read from (with or without events, as the query asked).
 */
record Segment(String aggregateId, long firstSeq, long lastSeq, String prevHash, String hash, Document commit) {

    /** This aggregate's events in the commit, in stored order; the commit must have been read with its events. */
    List<Document> events() {
        List<Document> own = new ArrayList<>();
        for (Document event : commit.getList(CommitDocuments.EVENTS, Document.class)) {
            if (aggregateId.equals(event.getString(CommitDocuments.AGGREGATE_ID))) {
                own.add(event);
            }
        }
        return own;
    }

    /** The commit's first global position. */
    Long position() {
        return commit.get(CommitDocuments.ID, Number.class).longValue();
    }

    /** The same part without the commit's events, to be kept while a walk goes on. */
    Segment withoutEvents() {
        return new Segment(aggregateId, firstSeq, lastSeq, prevHash, hash, new Document(CommitDocuments.ID, position()));
    }

    ChainBreak breakAt(long sequence, ChainBreak.Kind kind, String detail) {
        return new ChainBreak(aggregateId, sequence, position(), kind, detail);
    }
}
