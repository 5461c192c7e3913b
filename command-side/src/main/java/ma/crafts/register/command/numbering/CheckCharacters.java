package ma.crafts.register.command.numbering;

/**
 * Check characters for the register's identifiers: the Luhn mod N algorithm, over the alphabet 0-9A-Z.
 * <ul>
 *   <li>N = 36 for the NIA, so the check is one of 0-9A-Z (URL- and QR-safe; ISO 7064 MOD 37-2 would sometimes give
 *   {@code *}, and the MOD 37,36 hybrid misses some adjacent transpositions such as 106/016).</li>
 *   <li>N = 10 for card numbers: the classic Luhn digit of payment and identity cards.</li>
 * </ul>
 * Luhn mod N catches every single-character substitution, and every transposition of adjacent characters except
 * the pair whose values are 0 and N-1; the variable part of both identifiers is digits only, so with N = 36 every
 * adjacent transposition of it is caught (and with N = 10 all but 09/90).
 */
public final class CheckCharacters {
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    private CheckCharacters() {
    }

    /** The Luhn mod 36 check character of {@code body} (digits and capitals only). */
    public static char luhnMod36(String body) {
        return luhn(body, 36);
    }

    /** The Luhn (mod 10) check digit of {@code digits}. */
    public static char luhn(String digits) {
        return luhn(digits, 10);
    }

    static char luhn(String body, int modulus) {
        int sum = 0;
        int factor = 2;
        for (int i = body.length() - 1; i >= 0; i--) {
            int value = ALPHABET.indexOf(body.charAt(i));
            if (value < 0 || value >= modulus) {
                throw new IllegalArgumentException("'" + body.charAt(i) + "' is not a character of the mod " + modulus + " alphabet");
            }
            int addend = factor * value;
            sum += addend / modulus + addend % modulus;
            factor = factor == 2 ? 1 : 2;
        }
        return ALPHABET.charAt((modulus - sum % modulus) % modulus);
    }
}
