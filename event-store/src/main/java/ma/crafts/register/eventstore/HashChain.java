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

    public record Verification(String aggregateId, boolean intact, long eventsChecked, List<String> problems) {
    }

    /**
     * The hash of stored events, as read back: each is encoded again, without the {@code position} field that commits
     * written before positions were derived from {@code _id} carry.
     */
    String hash(String previousHash, List<Document> events) {
        List<byte[]> encoded = new ArrayList<>(events.size());
        for (Document event : events) {
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

    /** Checks an aggregate's segments, read from the start of its stream with their events, in sequence order. */
    Verification verify(String aggregateId, List<Segment> segments) {
        List<String> problems = new ArrayList<>();
        String expectedPrevious = GENESIS;
        long expectedFirst = 0;
        long checked = 0;
        for (Segment segment : segments) {
            long first = segment.firstSeq();
            long last = segment.lastSeq();
            if (first != expectedFirst) {
                problems.add("sequence " + expectedFirst + " expected but the next commit starts at " + first);
            }
            if (!expectedPrevious.equals(segment.prevHash())) {
                problems.add("commit at sequence " + first + " does not link to the previous commit's hash");
            }
            List<Document> events = segment.events();
            for (int e = 0; e < events.size(); e++) {
                if (events.get(e).getLong(CommitDocuments.SEQ) != first + e) {
                    problems.add("event order broken in the commit at sequence " + first);
                    break;
                }
            }
            if (events.size() != last - first + 1) {
                problems.add("commit at sequence " + first + " holds " + events.size() + " events, expected " + (last - first + 1));
            }
            String recomputed = hash(segment.prevHash(), events);
            if (!recomputed.equals(segment.hash())) {
                problems.add("commit at sequence " + first + " was modified: its hash does not match its events");
            }
            checked += events.size();
            expectedPrevious = segment.hash();
            expectedFirst = last + 1;
        }
        return new Verification(aggregateId, problems.isEmpty(), checked, List.copyOf(problems));
    }

    /** A fresh digest per hash, cloned: looking one up by name through the providers costs more than hashing an event. */
    private static MessageDigest sha256() {
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
