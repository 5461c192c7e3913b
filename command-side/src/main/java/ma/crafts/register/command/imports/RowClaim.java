package ma.crafts.register.command.imports;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import ma.crafts.register.command.imports.RowReasons.Reason;

/**
 * What an accepted row of a dry run would hold that no later row of the file may: an artisan's CIN. The real import
 * learns it from the CIN reservation; a dry run reserves nothing, so {@link DryRunClaims} keeps the claims of the rows
 * before, as two 64-bit hashes each (a file of 500,000 rows takes about 16 MB).
 *
 * @param identity  hash of what is unique (the CIN's keyed fingerprint)
 * @param content   hash of what a later row must repeat to count as already present (the personal data)
 * @param duplicate the reason a later row with the same identity and other content is rejected for
 */
public record RowClaim(long identity, long content, Reason duplicate) {

    public static RowClaim of(String identity, String content, Reason duplicate) {
        return new RowClaim(hash(identity), hash(content), duplicate);
    }

    /**
     * The first 64 bits of SHA-256: two different values of 500,000 share a hash with a chance of about 10^-8, and a
     * clash would only make a dry run report a row the real import accepts.
     */
    private static long hash(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
