package ma.crafts.register.eventstore;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * Every stream's head (last sequence and the hash of its last commit) at one global position, and a digest over them that
 * anyone can recompute: SHA-256 over one line {@code aggregateId SP lastSequence SP hash LF} per stream, the lines in
 * the byte order of their UTF-8 encoding (what {@code LC_ALL=C sort} gives). docs/audit-checkpoints.md shows how.
 */
public final class StreamHeads {
    private static final Comparator<Head> BYTE_ORDER = (a, b) -> Arrays.compareUnsigned(
            a.line().getBytes(StandardCharsets.UTF_8), b.line().getBytes(StandardCharsets.UTF_8));

    public record Head(String aggregateId, long lastSequence, String hash) {
        String line() {
            return aggregateId + " " + lastSequence + " " + hash + "\n";
        }
    }

    private StreamHeads() {
    }

    /** The heads in the canonical order the digest is taken in. */
    public static List<Head> canonicalOrder(Iterable<Head> heads) {
        List<Head> sorted = new ArrayList<>();
        heads.forEach(sorted::add);
        sorted.sort(BYTE_ORDER);
        return sorted;
    }

    /** SHA-256, in hex, of the heads' lines in canonical order. */
    public static String digest(Iterable<Head> heads) {
        MessageDigest sha256 = HashChain.sha256();
        for (Head head : canonicalOrder(heads)) {
            sha256.update(head.line().getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha256.digest());
    }
}
