package ma.crafts.register.command.artisan;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import ma.crafts.register.command.RegisterPolicy;
import ma.crafts.register.errors.InvalidInputException;
import ma.crafts.register.errors.InvalidInputException.FieldProblem;
import ma.crafts.register.values.LocalizedText;
import ma.crafts.register.values.PersonalData;

/**
 * Rules on an applicant's clear personal data. They run before the data is sealed, because after sealing nothing in
 * the command path (the aggregate included) can read it.
 */
public final class ApplicantRules {
    /** Moroccan CNIE/CIN: one or two letters then one to six digits. */
    private static final Pattern CIN = Pattern.compile("[A-Z]{1,2}[0-9]{1,6}");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9]{6,15}");
    static final int MAX_NAME_LENGTH = 100;
    static final int MAX_ADDRESS_LENGTH = 300;

    private ApplicantRules() {
    }

    /** Upper case, surrounding and inner blanks removed: {@code " ee 123456"} and {@code "EE123456"} are one CIN. */
    public static String normaliseCin(String cin) {
        return cin == null ? null : cin.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
    }

    /**
     * Checks and normalises the applicant's personal data; throws {@link InvalidInputException} naming every bad field.
     *
     * @param yearsOfPractice declared practice, checked against the applicant's age; may be null
     */
    public static PersonalData validate(PersonalData data, Integer yearsOfPractice, RegisterPolicy policy) {
        List<FieldProblem> problems = new ArrayList<>();
        String cin = normaliseCin(data.cin());
        if (cin == null || cin.isEmpty()) {
            problems.add(new FieldProblem("cin", "is required"));
        } else if (!CIN.matcher(cin).matches()) {
            problems.add(new FieldProblem("cin", "must be 1-2 letters followed by 1-6 digits"));
        }
        LocalizedText firstName = name("firstName", data.firstName(), problems);
        LocalizedText lastName = name("lastName", data.lastName(), problems);
        LocalDate today = policy.today();
        LocalDate birthDate = data.birthDate();
        if (birthDate == null) {
            problems.add(new FieldProblem("birthDate", "is required"));
        } else if (!birthDate.isBefore(today)) {
            problems.add(new FieldProblem("birthDate", "must be in the past"));
        } else {
            int age = Period.between(birthDate, today).getYears();
            if (age < policy.minimumAge() || age > policy.maximumAge()) {
                problems.add(new FieldProblem("birthDate", "gives an age of " + age + "; the register accepts "
                        + policy.minimumAge() + " to " + policy.maximumAge()));
            } else if (yearsOfPractice != null && yearsOfPractice > age) {
                problems.add(new FieldProblem("qualification.yearsOfPractice", "cannot exceed the applicant's age (" + age + ")"));
            }
        }
        String phone = blankToNull(data.phone());
        if (phone != null) {
            phone = phone.replaceAll("[\\s.-]", "");
            if (!PHONE.matcher(phone).matches()) {
                problems.add(new FieldProblem("phone", "must be 6-15 digits, optionally after '+'"));
            }
        }
        String address = blankToNull(data.address());
        if (address != null && address.length() > MAX_ADDRESS_LENGTH) {
            problems.add(new FieldProblem("address", "at most " + MAX_ADDRESS_LENGTH + " characters"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new PersonalData(cin, firstName, lastName, birthDate, phone, address == null ? null : address.strip());
    }

    /** A name is held in both Arabic (in Arabic script) and French (in Latin script). */
    private static LocalizedText name(String field, LocalizedText name, List<FieldProblem> problems) {
        String ar = name == null ? null : blankToNull(name.ar());
        String fr = name == null ? null : blankToNull(name.fr());
        if (ar == null) {
            problems.add(new FieldProblem(field + ".ar", "the Arabic form is required"));
        } else if (ar.length() > MAX_NAME_LENGTH) {
            problems.add(new FieldProblem(field + ".ar", "at most " + MAX_NAME_LENGTH + " characters"));
        } else if (!hasLetterOf(ar, Character.UnicodeScript.ARABIC)) {
            problems.add(new FieldProblem(field + ".ar", "must be written in Arabic script"));
        }
        if (fr == null) {
            problems.add(new FieldProblem(field + ".fr", "the French form is required"));
        } else if (fr.length() > MAX_NAME_LENGTH) {
            problems.add(new FieldProblem(field + ".fr", "at most " + MAX_NAME_LENGTH + " characters"));
        } else if (!hasLetterOf(fr, Character.UnicodeScript.LATIN)) {
            problems.add(new FieldProblem(field + ".fr", "must be written in Latin script"));
        }
        return new LocalizedText(ar == null ? null : ar.strip(), fr == null ? null : fr.strip());
    }

    private static boolean hasLetterOf(String text, Character.UnicodeScript script) {
        return text.codePoints().anyMatch(c -> Character.isLetter(c) && Character.UnicodeScript.of(c) == script);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
