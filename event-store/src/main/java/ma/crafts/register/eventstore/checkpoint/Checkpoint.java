package ma.crafts.register.eventstore.checkpoint;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import ma.crafts.register.eventstore.HashChain;
import ma.crafts.register.eventstore.StreamHeads;

/**
 * A sealed statement of what the store held at one global position: how many events and streams, and the digest of
 * every stream's head ({@link StreamHeads#digest}), signed with Ed25519. The heads themselves travel with it, so that a
 * check names the stream that changed; the signature covers them through the digest. The signed bytes are
 * {@link #canonicalText()}, documented in docs/audit-checkpoints.md so that openssl can check them.
 *
 * @param sealedAt  ISO-8601 instant, as signed
 * @param keyId     SHA-256 (hex) of the public key's X.509 encoding, to pin the key an auditor trusts
 * @param publicKey the signing key's X.509 SubjectPublicKeyInfo, in PEM
 * @param signature Ed25519 signature of the canonical text, base64
 * @param readLog   the personal-data read log's last record when sealed; {@code null} in checkpoints of format 1,
 *                  sealed before the read log was
 * @param previous  the {@link #chainHash} of the checkpoint sealed before it ({@link #FIRST} for the first), so that
 *                  a checkpoint removed from the series shows; {@code null} in checkpoints of formats 1 and 2, sealed
 *                  by each node on its own before the register kept one series
 */
public record Checkpoint(long id, long position, String sealedAt, long events, long streams, String headsDigest,
                         String keyId, String publicKey, String signature, List<StreamHeads.Head> heads,
                         LogHead readLog, String previous) {
    /** The format of a checkpoint without the read log's head. */
    public static final String FORMAT = "crafts-register-checkpoint/1";
    /** The format of a checkpoint that seals the read log's head too. */
    public static final String FORMAT_WITH_READ_LOG = "crafts-register-checkpoint/2";
    /** The format of a checkpoint that names the one before it too. */
    public static final String FORMAT_CHAINED = "crafts-register-checkpoint/3";
    /** What the first checkpoint of a series names as the one before it. */
    public static final String FIRST = "0".repeat(64);

    /**
     * The last record of a hash-chained log: its sequence (from 1; 0 for an empty log) and its hash (64 zeros for an
     * empty log).
     */
    public record LogHead(long sequence, String hash) {
    }

    /** The signed bytes: one {@code name=value} line each, in this order, after a format line; UTF-8, LF endings. */
    public String canonicalText() {
        String sealedStore = "id=" + id + "\n"
                + "position=" + position + "\n"
                + "sealedAt=" + sealedAt + "\n"
                + "events=" + events + "\n"
                + "streams=" + streams + "\n"
                + "headsDigest=" + headsDigest + "\n";
        if (readLog == null) {
            return FORMAT + "\n" + sealedStore;
        }
        String sealedReadLog = "readLogSequence=" + readLog.sequence() + "\n"
                + "readLogHash=" + readLog.hash() + "\n";
        if (previous == null) {
            return FORMAT_WITH_READ_LOG + "\n" + sealedStore + sealedReadLog;
        }
        return FORMAT_CHAINED + "\n" + sealedStore + sealedReadLog + "previous=" + previous + "\n";
    }

    /**
     * What the next checkpoint names as {@link #previous}: SHA-256 (hex) of this one's canonical text, which covers
     * every signed field (the heads through their digest); {@code sha256sum} of the text docs/audit-checkpoints.md
     * rebuilds gives it.
     */
    public String chainHash() {
        return HexFormat.of().formatHex(HashChain.sha256().digest(canonicalText().getBytes(StandardCharsets.UTF_8)));
    }
}
