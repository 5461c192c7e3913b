package ma.crafts.register.query;

import ma.crafts.register.values.LocalizedText;
import ma.crafts.register.values.PersonalData;

/** How names are reduced when the caller may not see them in full. */
public final class PersonalDataMasking {

    /** What replaces a sealed personal-data block in the history for callers who may not open it. */
    public static final String MASK = "***";

    private PersonalDataMasking() {
    }

    /** Free text that may name one person, hidden; absent text stays absent. */
    public static String maskText(String text) {
        return text == null ? null : MASK;
    }

    /** A name reduced to its initial in each language: {@code {"ar":"ف.","fr":"F."}}. */
    public static LocalizedText initials(LocalizedText name) {
        if (name == null) {
            return null;
        }
        return new LocalizedText(initial(name.ar()), initial(name.fr()));
    }

    /**
     * The holder's initials as printed for public card checks, e.g. {@code "F. Z."}: Latin script first because
     * verifiers (partners, transport staff) read the French form of the card, Arabic when no French form exists.
     */
    public static String holderInitials(PersonalData data) {
        if (data == null) {
            return null;
        }
        String first = initial(preferFrench(data.firstName()));
        String last = initial(preferFrench(data.lastName()));
        if (first == null && last == null) {
            return null;
        }
        if (first == null) {
            return last;
        }
        return last == null ? first : first + " " + last;
    }

    private static String preferFrench(LocalizedText name) {
        if (name == null) {
            return null;
        }
        return name.fr() != null && !name.fr().isBlank() ? name.fr() : name.ar();
    }

    /** The first letter (a whole code point, so Arabic and accented letters survive) followed by a dot. */
    static String initial(String text) {
        if (text == null) {
            return null;
        }
        int[] letters = text.codePoints().filter(Character::isLetter).limit(1).toArray();
        if (letters.length == 0) {
            return null;
        }
        return new String(Character.toChars(Character.toUpperCase(letters[0]))) + ".";
    }
}
