package ma.crafts.register.command;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import ma.crafts.register.errors.InvalidInputException.FieldProblem;
import ma.crafts.register.values.LocalizedText;

/**
 * A name as the register holds it: an Arabic form in Arabic script and a French form in Latin script, in Unicode NFC
 * (so that an "é" or an Arabic "أ" typed as a base letter and a combining mark is stored, compared and searched as the
 * one precomposed character other clients send), and free of characters a reader of a card, a list or a certificate
 * cannot see.
 *
 * <p>Rejected: control characters (a NUL cuts the name short in C-based tools and PDF printers), bidirectional
 * controls (U+202E reverses what follows, so the displayed name differs from the stored one), zero-width and other
 * format characters (U+200B makes two identical-looking names differ), private-use, unassigned and lone surrogate code
 * points. Kept: the zero-width non-joiner and joiner (U+200C, U+200D) between two Arabic letters of the Arabic form,
 * the only place they do anything: they choose whether the two letters join, as Persian-style spellings of some family
 * names need. Anywhere else they are invisible and are rejected like U+200B.
 */
public final class BilingualName {
    private static final int ZWNJ = 0x200C;
    private static final int ZWJ = 0x200D;

    private BilingualName() {
    }

    /** The checked, normalised name; every problem, named by {@code field}.ar / .fr, goes to {@code problems}. */
    public static LocalizedText check(String field, LocalizedText name, int maxLength, List<FieldProblem> problems) {
        String ar = form(field + ".ar", name == null ? null : name.ar(), Character.UnicodeScript.ARABIC, "Arabic",
                maxLength, problems);
        String fr = form(field + ".fr", name == null ? null : name.fr(), Character.UnicodeScript.LATIN, "French",
                maxLength, problems);
        return new LocalizedText(ar, fr);
    }

    private static String form(String field, String raw, Character.UnicodeScript script, String language,
                               int maxLength, List<FieldProblem> problems) {
        String text = raw == null || raw.isBlank() ? null : Normalizer.normalize(raw, Normalizer.Form.NFC).strip();
        if (text == null) {
            problems.add(new FieldProblem(field, "the " + language + " form is required"));
            return null;
        }
        if (refusesHidden(field, text, script, problems)) {
            return text;
        }
        if (text.length() > maxLength) {
            problems.add(new FieldProblem(field, "at most " + maxLength + " characters"));
        } else if (text.codePoints().noneMatch(c -> isLetterOf(c, script))) {
            problems.add(new FieldProblem(field, "must be written in " + scriptName(script) + " script"));
        }
        return text;
    }

    /**
     * Adds a problem for {@code field} when {@code text} holds a character that is not allowed in a name written in
     * {@code script} (see above); an address is held to the same rule, since it is printed and read the same way.
     *
     * @return whether it did
     */
    public static boolean refusesHidden(String field, String text, Character.UnicodeScript script,
                                        List<FieldProblem> problems) {
        int hidden = firstHidden(text, script);
        if (hidden >= 0) {
            problems.add(new FieldProblem(field, "must not contain control, invisible or direction-changing "
                    + "characters (found " + String.format(Locale.ROOT, "U+%04X", hidden) + ")"));
        }
        return hidden >= 0;
    }

    /** The first code point that is not allowed in a name written in {@code script}, or -1. */
    static int firstHidden(String text, Character.UnicodeScript script) {
        int[] codePoints = text.codePoints().toArray();
        for (int i = 0; i < codePoints.length; i++) {
            int c = codePoints[i];
            boolean joiner = c == ZWNJ || c == ZWJ;
            if (joiner && script == Character.UnicodeScript.ARABIC && i > 0 && i < codePoints.length - 1
                    && isLetterOf(codePoints[i - 1], script) && isLetterOf(codePoints[i + 1], script)) {
                continue;
            }
            switch (Character.getType(c)) {
                case Character.CONTROL, Character.FORMAT, Character.PRIVATE_USE, Character.SURROGATE,
                     Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> {
                    return c;
                }
                default -> {
                }
            }
        }
        return -1;
    }

    private static boolean isLetterOf(int c, Character.UnicodeScript script) {
        return Character.isLetter(c) && Character.UnicodeScript.of(c) == script;
    }

    private static String scriptName(Character.UnicodeScript script) {
        return script == Character.UnicodeScript.ARABIC ? "Arabic" : "Latin";
    }
}
