package ma.crafts.register.eventstore;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.bson.BsonBinaryWriter;
import org.bson.Document;
import org.bson.codecs.DocumentCodec;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;

/**
 * SHA-256 chain over each aggregate's commits: a commit's hash covers the previous commit's hash of the same aggregate and
 * the BSON encoding of each of its events as stored, field order included (global positions excluded: they are assigned
 * by the store, and a commit retried at other positions is the same commit). BSON rather than extended JSON because
 * encoding it costs a fraction of the JSON writer on every append, and it is just as reproducible outside Java
 * ({@code BSON.serialize} in mongosh). Changing, removing or reordering a stored event breaks the chain from that commit on.
 */
public final class HashChain {
    public static final String GENESIS = "0".repeat(64);
    /** Marks a commit whose predecessor could not be found when it was written; verification reports it. */
    public static final String UNLINKED = "unlinked";
    private static final DocumentCodec CODEC = new DocumentCodec();
    private static final EncoderContext ENCODING = EncoderContext.builder().build();
    private static final MessageDigest SHA_256 = newSha256();

    /**
     * @param headHash     the hash of the stream's last stored commit ({@link #GENESIS} for an empty stream)
     * @param lastSequence the stream's last stored sequence, or -1
     * @param breaks       in stream order, so the first is where the record stops being trustworthy
     */
    public record Verification(String aggregateId, long eventsChecked, String headHash, long lastSequence,
                               List<ChainBreak> breaks) {
        public boolean intact() {
            return breaks.isEmpty();
        }

        public List<String> problems() {
            return breaks.stream().map(ChainBreak::detail).toList();
        }
    }

    /**
     * The hash of stored events, as read back: the bytes an {@link EncodedEvent} was read as, or else the event encoded
     * again; either without the {@code position} field that commits written before positions were derived from
     * {@code _id} carry.
     */
    String hash(String previousHash, List<Document> events) {
        List<byte[]> encoded = new ArrayList<>(events.size());
        for (Document event : events) {
            if (event instanceof EncodedEvent read && !event.containsKey(CommitDocuments.LEGACY_POSITION)) {
                encoded.add(read.stored());
                continue;
            }
            Document hashed = event;
            if (event.containsKey(CommitDocuments.LEGACY_POSITION)) {
                hashed = new Document(event);
                hashed.remove(CommitDocuments.LEGACY_POSITION);
            }
            BasicOutputBuffer bson = new BasicOutputBuffer(512);
            CODEC.encode(new BsonBinaryWriter(bson), hashed, ENCODING);
            encoded.add(bson.toByteArray());
        }
        return hashEncoded(previousHash, encoded);
    }

    /** The hash of events about to be stored, each already encoded as BSON. */
    String hashEncoded(String previousHash, List<byte[]> encodedEvents) {
        MessageDigest digest = sha256();
        digest.update(previousHash.getBytes(StandardCharsets.UTF_8));
        for (byte[] event : encodedEvents) {
            digest.update(event);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * Checks an aggregate's segments, read from the start of its stream with their events, in sequence order; and, given
     * the stream's head as a checkpoint sealed it, that the stream still passes through that head (removing a stream's
     * latest commits leaves a valid but shorter chain, which only such an outside anchor shows).
     *
     * @param sealed the head a checkpoint sealed, or {@code null}
     */
    Verification verify(String aggregateId, List<Segment> segments, StreamHeads.Head sealed) {
        List<ChainBreak> breaks = new ArrayList<>();
        String expectedPrevious = GENESIS;
        long expectedFirst = 0;
        long checked = 0;
        boolean passesSealedHead = sealed == null;
        for (Segment segment : segments) {
            breaks.addAll(linkBreaks(segment, expectedFirst, expectedPrevious));
            breaks.addAll(commitBreaks(segment));
            checked += segment.events().size();
            expectedPrevious = segment.hash();
            expectedFirst = segment.lastSeq() + 1;
            if (!passesSealedHead) {
                passesSealedHead = segment.lastSeq() == sealed.lastSequence() && segment.hash().equals(sealed.hash());
            }
        }
        if (!passesSealedHead) {
            breaks.add(new ChainBreak(aggregateId, Math.min(sealed.lastSequence(), expectedFirst), null,
                    ChainBreak.Kind.HEAD_CHANGED, "a checkpoint sealed this stream at sequence " + sealed.lastSequence()
                    + " with hash " + sealed.hash() + "; the stored chain does not pass through it (it ends at sequence "
                    + (expectedFirst - 1) + ")"));
        }
        return new Verification(aggregateId, checked, expectedPrevious, expectedFirst - 1, List.copyOf(breaks));
    }

    /** What is wrong with how a segment follows the stream's previous commit (ending before {@code expectedFirst}). */
    List<ChainBreak> linkBreaks(Segment segment, long expectedFirst, String expectedPrevious) {
        List<ChainBreak> breaks = new ArrayList<>(0);
        long first = segment.firstSeq();
        if (first > expectedFirst) {
            breaks.add(segment.breakAt(expectedFirst, ChainBreak.Kind.MISSING, "sequences " + expectedFirst + " to "
                    + (first - 1) + " are missing: the next commit starts at " + first));
        } else if (first < expectedFirst) {
            breaks.add(segment.breakAt(first, ChainBreak.Kind.INSERTED, "the commit at sequence " + first
                    + " overlaps sequences already stored up to " + (expectedFirst - 1)));
        }
        if (!expectedPrevious.equals(segment.prevHash())) {
            breaks.add(segment.breakAt(first, ChainBreak.Kind.UNLINKED,
                    "commit at sequence " + first + " does not link to the previous commit's hash"));
        }
        return breaks;
    }

    /** What is wrong inside one commit's part of a stream: the order, the number and the hash of its events. */
    List<ChainBreak> commitBreaks(Segment segment) {
        long first = segment.firstSeq();
        List<Document> events = segment.events();
        long expected = segment.lastSeq() - first + 1;
        if (events.size() != expected) {
            return List.of(segment.breakAt(first, events.size() < expected ? ChainBreak.Kind.EVENT_REMOVED
                    : ChainBreak.Kind.INSERTED, "commit at sequence " + first + " holds " + events.size()
                    + " events, expected " + expected));
        }
        for (int e = 0; e < events.size(); e++) {
            if (!Long.valueOf(first + e).equals(events.get(e).get(CommitDocuments.SEQ))) {
                return List.of(segment.breakAt(first, ChainBreak.Kind.REORDERED,
                        "event order broken in the commit at sequence " + first));
            }
        }
        if (!hash(segment.prevHash(), events).equals(segment.hash())) {
            return List.of(segment.breakAt(first, ChainBreak.Kind.MODIFIED,
                    "commit at sequence " + first + " was modified: its hash does not match its events"));
        }
        return List.of();
    }

    /** A fresh digest per hash, cloned: looking one up by name through the providers costs more than hashing an event. */
    public static MessageDigest sha256() {
        try {
            return (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            return newSha256();
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
