package ma.crafts.register.command.artisan;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import ma.crafts.register.command.BilingualName;
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
        LocalizedText firstName = BilingualName.check("firstName", data.firstName(), MAX_NAME_LENGTH, problems);
        LocalizedText lastName = BilingualName.check("lastName", data.lastName(), MAX_NAME_LENGTH, problems);
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
        String phone = phone(data.phone(), problems);
        String address = address(data.address(), problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new PersonalData(cin, firstName, lastName, birthDate, phone, address);
    }

    /**
     * Applies an amendment to an artisan's current personal data: each non-null argument replaces the current value
     * after the same checks as at registration; CIN and birth date are not amendable. Throws
     * {@link InvalidInputException} naming every bad field.
     */
    public static PersonalData amend(PersonalData current, LocalizedText firstName, LocalizedText lastName,
                                     String phone, String address) {
        List<FieldProblem> problems = new ArrayList<>();
        LocalizedText newFirstName = firstName == null ? current.firstName()
                : BilingualName.check("firstName", firstName, MAX_NAME_LENGTH, problems);
        LocalizedText newLastName = lastName == null ? current.lastName()
                : BilingualName.check("lastName", lastName, MAX_NAME_LENGTH, problems);
        String newPhone = phone == null ? current.phone() : phone(phone, problems);
        String newAddress = address == null ? current.address() : address(address, problems);
        if (address != null && newAddress == null && problems.isEmpty()) {
            problems.add(new FieldProblem("address", "must not be blank"));
        }
        if (phone != null && newPhone == null && problems.isEmpty()) {
            problems.add(new FieldProblem("phone", "must not be blank"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new PersonalData(current.cin(), newFirstName, newLastName, current.birthDate(), newPhone, newAddress);
    }

    private static String phone(String raw, List<FieldProblem> problems) {
        String phone = blankToNull(raw);
        if (phone == null) {
            return null;
        }
        phone = phone.replaceAll("[\\s.-]", "");
        if (!PHONE.matcher(phone).matches()) {
            problems.add(new FieldProblem("phone", "must be 6-15 digits, optionally after '+'"));
        }
        return phone;
    }

    private static String address(String raw, List<FieldProblem> problems) {
        String address = blankToNull(raw);
        // Arabic is the script whose joiners may stay (between two Arabic letters); addresses are written in either.
        if (address != null && BilingualName.refusesHidden("address", address, Character.UnicodeScript.ARABIC, problems)) {
            return address;
        }
        if (address != null && address.length() > MAX_ADDRESS_LENGTH) {
            problems.add(new FieldProblem("address", "at most " + MAX_ADDRESS_LENGTH + " characters"));
        }
        return address;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
