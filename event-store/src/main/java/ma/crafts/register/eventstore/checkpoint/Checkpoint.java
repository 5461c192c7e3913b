package ma.crafts.register.eventstore.checkpoint;

import java.util.List;
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
 */
public record Checkpoint(long id, long position, String sealedAt, long events, long streams, String headsDigest,
                         String keyId, String publicKey, String signature, List<StreamHeads.Head> heads,
                         LogHead readLog) {
    /** The format of a checkpoint without the read log's head. */
    public static final String FORMAT = "crafts-register-checkpoint/1";
    /** The format of a checkpoint that seals the read log's head too. */
    public static final String FORMAT_WITH_READ_LOG = "crafts-register-checkpoint/2";

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
        return FORMAT_WITH_READ_LOG + "\n" + sealedStore
                + "readLogSequence=" + readLog.sequence() + "\n"
                + "readLogHash=" + readLog.hash() + "\n";
    }
}
