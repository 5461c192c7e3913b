package ma.crafts.register.values;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The code a card's QR holds, for the public check {@code /api/v1/card-checks/{code}}: 128 bits from a
 * {@link SecureRandom}, written URL-safe base64 without padding (22 characters). Unlike the card number, which is
 * sequential per region and year, it cannot be guessed, so the public check cannot be used to walk the card base.
 */
public final class CardCheckCode {

    private static final int BYTES = 16;
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9_-]{22}");

    private CardCheckCode() {
    }

    public static String draw(SecureRandom random) {
        byte[] bits = new byte[BYTES];
        random.nextBytes(bits);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
    }

    public static boolean isWellFormed(String code) {
        return code != null && WELL_FORMED.matcher(code).matches();
    }
}
