package ma.crafts.register.command.artisan;

import static ma.crafts.register.command.support.TestReference.POLICY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import ma.crafts.register.errors.InvalidInputException;
import ma.crafts.register.values.LocalizedText;
import ma.crafts.register.values.PersonalData;
import org.junit.jupiter.api.Test;

class ApplicantRulesTest {
    private static final LocalizedText FATIMA = new LocalizedText("فاطمة", "Fatima");
    private static final LocalizedText ZAHRA = new LocalizedText("الزهراء", "Zahra");

    private static PersonalData applicant(String cin, LocalDate birthDate) {
        return new PersonalData(cin, FATIMA, ZAHRA, birthDate, "+212 612-345678", " Derb Dabachi 12, Marrakech ");
    }

    private static InvalidInputException rejected(PersonalData data, Integer years) {
        return (InvalidInputException) org.assertj.core.api.Assertions.catchThrowable(() -> ApplicantRules.validate(data, years, POLICY));
    }

    @Test
    void normalisesCinPhoneAndAddress() {
        PersonalData valid = ApplicantRules.validate(applicant(" ee123456 ", LocalDate.of(1984, 3, 2)), 12, POLICY);
        assertThat(valid.cin()).isEqualTo("EE123456");
        assertThat(valid.phone()).isEqualTo("+212612345678");
        assertThat(valid.address()).isEqualTo("Derb Dabachi 12, Marrakech");
        assertThat(valid.firstName()).isEqualTo(FATIMA);
        assertThat(ApplicantRules.validate(applicant("A1", LocalDate.of(1984, 3, 2)), null, POLICY).cin()).isEqualTo("A1");
    }

    @Test
    void cinIsOneOrTwoLettersThenOneToSixDigits() {
        for (String bad : new String[] {"", "123456", "ABC12345", "EE1234567", "E-12345", "EE12A4"}) {
            assertThat(rejected(applicant(bad, LocalDate.of(1984, 3, 2)), null).problems())
                    .as(bad).extracting(InvalidInputException.FieldProblem::field).containsExactly("cin");
        }
    }

    @Test
    void namesNeedArabicAndFrenchInTheirScripts() {
        PersonalData swapped = new PersonalData("EE123456", new LocalizedText("Fatima", "فاطمة"), new LocalizedText(null, " "),
                LocalDate.of(1984, 3, 2), null, null);
        assertThat(rejected(swapped, null).problems()).extracting(InvalidInputException.FieldProblem::field)
                .containsExactly("firstName.ar", "firstName.fr", "lastName.ar", "lastName.fr");
        PersonalData missing = new PersonalData("EE123456", null, ZAHRA, LocalDate.of(1984, 3, 2), null, null);
        assertThat(rejected(missing, null).problems()).extracting(InvalidInputException.FieldProblem::field)
                .containsExactly("firstName.ar", "firstName.fr");
    }

    @Test
    void birthDateMustBeInThePastAndPlausible() {
        assertThat(rejected(applicant("EE1", null), null).problems().get(0).field()).isEqualTo("birthDate");
        assertThat(rejected(applicant("EE1", LocalDate.of(2026, 3, 10)), null).problems().get(0).message()).contains("past");
        assertThat(rejected(applicant("EE1", LocalDate.of(2012, 1, 1)), null).problems().get(0).message()).contains("age of 14");
        assertThat(rejected(applicant("EE1", LocalDate.of(1900, 1, 1)), null).problems().get(0).message()).contains("age of 126");
        assertThat(ApplicantRules.validate(applicant("EE1", LocalDate.of(2011, 3, 10)), null, POLICY).birthDate())
                .isEqualTo(LocalDate.of(2011, 3, 10));
    }

    @Test
    void yearsOfPracticeCannotExceedAge() {
        assertThat(rejected(applicant("EE1", LocalDate.of(2000, 1, 1)), 30).problems().get(0).field())
                .isEqualTo("qualification.yearsOfPractice");
    }

    @Test
    void phoneIsOptionalButMustLookLikeANumber() {
        PersonalData noPhone = new PersonalData("EE1", FATIMA, ZAHRA, LocalDate.of(1984, 3, 2), " ", null);
        assertThat(ApplicantRules.validate(noPhone, null, POLICY).phone()).isNull();
        PersonalData badPhone = new PersonalData("EE1", FATIMA, ZAHRA, LocalDate.of(1984, 3, 2), "call me", null);
        assertThatThrownBy(() -> ApplicantRules.validate(badPhone, null, POLICY))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("phone");
    }
}
