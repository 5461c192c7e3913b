package ma.crafts.register.eventstore;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.function.IntFunction;
import org.bson.Document;

/**
 * Every stream's head (last sequence and the hash of its last commit) at one global position, and a digest over them that
 * anyone can recompute: SHA-256 over one line {@code aggregateId SP lastSequence SP hash LF} per stream, the lines in
 * the byte order of their UTF-8 encoding (what {@code LC_ALL=C sort} gives). docs/audit-checkpoints.md shows how.
 */
public final class StreamHeads {
    private static final Comparator<Line> BYTE_ORDER = (a, b) -> Arrays.compareUnsigned(a.bytes(), b.bytes());

    public record Head(String aggregateId, long lastSequence, String hash) {
        String line() {
            return aggregateId + " " + lastSequence + " " + hash + "\n";
        }
    }

    /** At most this many heads in one stored part, well under a MongoDB document's 16 MB at millions of streams. */
    public static final int HEADS_PER_PART = 5_000;
    private static final String PART_HEADS = "heads";

    private StreamHeads() {
    }

    /** The heads as the documents that store them, {@link #HEADS_PER_PART} each, named by {@code partId}. */
    public static List<Document> parts(List<Head> heads, IntFunction<Object> partId) {
        List<Document> parts = new ArrayList<>();
        for (int from = 0; from < heads.size(); from += HEADS_PER_PART) {
            List<Document> part = heads.subList(from, Math.min(heads.size(), from + HEADS_PER_PART)).stream()
                    .map(head -> new Document("a", head.aggregateId()).append("s", head.lastSequence())
                            .append("h", head.hash())).toList();
            parts.add(new Document("_id", partId.apply(parts.size())).append(PART_HEADS, part));
        }
        return parts;
    }

    /** The heads one of {@link #parts} stores, in their order. */
    public static List<Head> ofPart(Document part) {
        return part.getList(PART_HEADS, Document.class).stream()
                .map(head -> new Head(head.getString("a"), head.getLong("s"), head.getString("h"))).toList();
    }

    /** The heads in the canonical order the digest is taken in. */
    public static List<Head> canonicalOrder(Iterable<Head> heads) {
        return sortedLines(heads).stream().map(Line::head).toList();
    }

    /** SHA-256, in hex, of the heads' lines in canonical order. */
    public static String digest(Iterable<Head> heads) {
        MessageDigest sha256 = HashChain.sha256();
        for (Line line : sortedLines(heads)) {
            sha256.update(line.bytes());
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** A head with its line's bytes, encoded once: a store's million heads take twenty million comparisons to sort. */
    private record Line(Head head, byte[] bytes) {
    }

    private static List<Line> sortedLines(Iterable<Head> heads) {
        List<Line> lines = new ArrayList<>();
        heads.forEach(head -> lines.add(new Line(head, head.line().getBytes(StandardCharsets.UTF_8))));
        lines.sort(BYTE_ORDER);
        return lines;
    }
}
