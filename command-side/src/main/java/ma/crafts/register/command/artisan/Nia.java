package ma.crafts.register.command.artisan;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ma.crafts.register.command.numbering.CheckCharacters;
import ma.crafts.register.command.numbering.RegionNumber;

/**
 * The "Numéro d'identité de l'artisanat" (NIA, الرقم التعريفي الحرفي). Its official format was not found, so this
 * provisional one is documented in docs/identifiers.md: {@code MA07-2026-000123-K} = {@code MA}, the two digits of the
 * region that registered the artisan, the registration year, a 6-digit gap-free number per region and year, and an
 * Luhn mod 36 check character over the 14 characters before it (hyphens excluded).
 */
public record Nia(String regionCode, int year, long number) {
    private static final Pattern FORMAT = Pattern.compile("MA(\\d{2})-(\\d{4})-(\\d{6})-([0-9A-Z])");
    public static final long MAX_NUMBER = 999_999;

    public Nia {
        RegionNumber.of(regionCode);
        if (year < 2000 || year > 9999) {
            throw new IllegalArgumentException("year out of range: " + year);
        }
        if (number < 1 || number > MAX_NUMBER) {
            throw new IllegalArgumentException("NIA number out of range 1.." + MAX_NUMBER + ": " + number);
        }
    }

    /** The printed form, e.g. {@code MA07-2026-000123-K}. */
    public String value() {
        String body = "MA" + RegionNumber.of(regionCode) + year + String.format("%06d", number);
        return "MA" + RegionNumber.of(regionCode) + "-" + year + "-" + String.format("%06d", number) + "-"
                + CheckCharacters.luhnMod36(body);
    }

    @Override
    public String toString() {
        return value();
    }

    /** True for a well-formed NIA whose check character matches. */
    public static boolean isValid(String candidate) {
        return parse(candidate) != null;
    }

    /** The NIA, or null if {@code candidate} is malformed or fails its check character. */
    public static Nia parse(String candidate) {
        if (candidate == null) {
            return null;
        }
        Matcher m = FORMAT.matcher(candidate);
        if (!m.matches()) {
            return null;
        }
        long number = Long.parseLong(m.group(3));
        if (number == 0) {
            return null;
        }
        String body = "MA" + m.group(1) + m.group(2) + m.group(3);
        if (CheckCharacters.luhnMod36(body) != m.group(4).charAt(0)) {
            return null;
        }
        return new Nia(RegionNumber.regionCode(m.group(1)), Integer.parseInt(m.group(2)), number);
    }
}
