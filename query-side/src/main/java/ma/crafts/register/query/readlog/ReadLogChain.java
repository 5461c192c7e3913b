package ma.crafts.register.query.readlog;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The read log's hash chain: each record's hash covers the previous record's hash and every field of its own, so a
 * record removed, altered or moved breaks the link of the record after it. Fields are length-prefixed so that no two
 * different records hash the same text.
 */
public final class ReadLogChain {

    /** The previous hash of the first record. */
    public static final String GENESIS = "0".repeat(64);

    private ReadLogChain() {
    }

    public static String hash(PersonalDataRead read) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
        StringBuilder text = new StringBuilder(256);
        append(text, read.previousHash());
        append(text, Long.toString(read.sequence()));
        append(text, Long.toString(read.readAt().toEpochMilli()));
        append(text, read.subject());
        append(text, read.roles());
        append(text, read.actorId());
        append(text, read.fields());
        append(text, read.traceId());
        append(text, read.request());
        return HexFormat.of().formatHex(sha256.digest(text.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static void append(StringBuilder text, List<String> values) {
        append(text, Integer.toString(values.size()));
        values.forEach(value -> append(text, value));
    }

    private static void append(StringBuilder text, String value) {
        String shown = value == null ? "" : value;
        text.append(shown.length()).append(':').append(shown).append(';');
    }
}
