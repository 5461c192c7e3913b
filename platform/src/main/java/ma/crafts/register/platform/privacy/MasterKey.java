package ma.crafts.register.platform.privacy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import ma.crafts.register.platform.KeyDirectory;
import ma.crafts.register.platform.PlatformStartupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The 32-byte root secret of the personal-data vault. It never encrypts anything itself: purpose-specific keys are
 * derived from it (HMAC-SHA256 over a fixed label), so the key-wrapping key and the CIN pepper are independent and
 * stable for as long as the master key is.
 */
public final class MasterKey {
    public static final int LENGTH = 32;
    private static final Logger log = LoggerFactory.getLogger(MasterKey.class);

    private final byte[] key;

    private MasterKey(byte[] key) {
        if (key.length != LENGTH) {
            throw new IllegalArgumentException("A master key has " + LENGTH + " bytes, not " + key.length);
        }
        this.key = key.clone();
    }

    /**
     * @throws PlatformStartupException when the value is not base64 (standard or URL-safe) of exactly 32 bytes
     */
    public static MasterKey fromBase64(String value, String source) {
        String trimmed = value.trim();
        byte[] decoded;
        try {
            decoded = trimmed.contains("-") || trimmed.contains("_")
                    ? Base64.getUrlDecoder().decode(trimmed) : Base64.getDecoder().decode(trimmed);
        } catch (IllegalArgumentException e) {
            throw new PlatformStartupException("The master key in " + source + " is not valid base64",
                    "Set it to the base64 encoding of 32 random bytes, e.g. the output of `openssl rand -base64 32`.", e);
        }
        if (decoded.length != LENGTH) {
            throw new PlatformStartupException("The master key in " + source + " decodes to " + decoded.length
                    + " bytes; it must be exactly " + LENGTH,
                    "Set it to the base64 encoding of 32 random bytes, e.g. the output of `openssl rand -base64 32`.");
        }
        return new MasterKey(decoded);
    }

    public static MasterKey random() {
        byte[] bytes = new byte[LENGTH];
        new SecureRandom().nextBytes(bytes);
        return new MasterKey(bytes);
    }

    /**
     * Reads the key kept in {@code file}, or creates one there (owner read/write only) on first use, so that an
     * embedded installation keeps its personal data readable across restarts without any configuration.
     */
    public static MasterKey loadOrCreate(Path file) {
        try {
            KeyDirectory.Secret secret = KeyDirectory.readOrCreate(file, LENGTH);
            if (secret.created()) {
                log.info("Generated the personal-data master key in {}; back it up, apart from the data: "
                        + "without it, the personal data in the register cannot be read", file);
            }
            return fromBase64(secret.base64(), file.toString());
        } catch (IOException e) {
            throw new PlatformStartupException("Cannot read or create the master key file " + file + " (" + e + ")",
                    "Make the key directory (KEY_DIR) writable, or set REGISTER_PRIVACY_MASTER_KEY "
                            + "(register.privacy.master-key).", e);
        }
    }

    /** A 32-byte key for one purpose, named by {@code label}; the same label always gives the same key. */
    byte[] derive(String label) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(key, "HmacSHA256"));
            return hmac.doFinal(label.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }

    /** A short public identifier of this key, stored next to what it wraps so that a wrong key is reported as such. */
    public String id() {
        return HexFormat.of().formatHex(Arrays.copyOf(derive("crafts-register/master-key-id/v1"), 8));
    }

    @Override
    public String toString() {
        return "MasterKey[id=" + id() + "]";
    }
}
