package ma.crafts.register.command.artisan;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ma.crafts.register.command.numbering.CheckCharacters;
import ma.crafts.register.command.numbering.RegionNumber;

/**
 * A professional card number. Provisional format (documented in docs/identifiers.md) until the card decree's format
 * is known: {@code C07-2026-000045-7} = {@code C}, the two digits of the issuing region, the issue year, a 6-digit
 * gap-free number per region and year, and a Luhn check digit over the 12 digits before it.
 */
public record CardNumber(String regionCode, int year, long number) {
    private static final Pattern FORMAT = Pattern.compile("C(\\d{2})-(\\d{4})-(\\d{6})-(\\d)");
    public static final long MAX_NUMBER = 999_999;

    public CardNumber {
        RegionNumber.of(regionCode);
        if (year < 2000 || year > 9999) {
            throw new IllegalArgumentException("year out of range: " + year);
        }
        if (number < 1 || number > MAX_NUMBER) {
            throw new IllegalArgumentException("card number out of range 1.." + MAX_NUMBER + ": " + number);
        }
    }

    /** The printed form, e.g. {@code C07-2026-000045-7}. */
    public String value() {
        String digits = RegionNumber.of(regionCode) + year + String.format("%06d", number);
        return "C" + RegionNumber.of(regionCode) + "-" + year + "-" + String.format("%06d", number) + "-"
                + CheckCharacters.luhn(digits);
    }

    @Override
    public String toString() {
        return value();
    }

    public static boolean isValid(String candidate) {
        return parse(candidate) != null;
    }

    /** The card number, or null if {@code candidate} is malformed or fails its check digit. */
    public static CardNumber parse(String candidate) {
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
        if (CheckCharacters.luhn(m.group(1) + m.group(2) + m.group(3)) != m.group(4).charAt(0)) {
            return null;
        }
        return new CardNumber(RegionNumber.regionCode(m.group(1)), Integer.parseInt(m.group(2)), number);
    }
}
