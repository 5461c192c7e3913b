package ma.crafts.register.bench.http;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ma.crafts.register.command.RegisterPolicy;
import ma.crafts.register.command.artisan.ApplicantRules;
import ma.crafts.register.command.artisan.RegisterArtisanRequest;
import ma.crafts.register.reference.Geography;
import ma.crafts.register.reference.Nomenclature;
import ma.crafts.register.values.LocalizedText;
import ma.crafts.register.values.PersonalData;
import org.junit.jupiter.api.Test;

class ApplicantsTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 3, 2);
    private static final RegisterPolicy POLICY =
            RegisterPolicy.defaults(Clock.fixed(TODAY.atStartOfDay().toInstant(ZoneOffset.UTC), RegisterPolicy.MOROCCO));
    private static final int SAMPLE = 20_000;
    private static final int CHECKED = 3_000;

    private final Geography geography = Geography.load();
    private final Nomenclature nomenclature = Nomenclature.load((String) null);
    private final Applicants applicants = new Applicants(geography, nomenclature, TODAY);

    @Test
    void everyApplicantPassesTheRegistersOwnRules() {
        Validator validator = Validation.buildDefaultValidatorFactory().getValidator();
        for (long n = 0; n < CHECKED; n++) {
            Applicants.Applicant applicant = applicants.applicant(Cins.PREFILL, n * 997);
            RegisterArtisanRequest request = applicant.request();
            assertThat(validator.validate(request)).as("applicant %d", n).isEmpty();
            // Throws InvalidInputException, naming the field, for anything the register would refuse with a 400.
            ApplicantRules.validate(new PersonalData(request.cin(),
                    new LocalizedText(request.firstName().ar(), request.firstName().fr()),
                    new LocalizedText(request.lastName().ar(), request.lastName().fr()),
                    request.birthDate(), request.phone(), request.address()),
                    request.qualification().yearsOfPractice(), POLICY);
            if ("DIPLOMA".equals(request.qualification().route())) {
                assertThat(request.qualification().diplomaRef()).isNotBlank();
            } else {
                assertThat(request.qualification().yearsOfPractice()).isGreaterThanOrEqualTo(3);
            }
            assertThat(nomenclature.activity(request.activityCode())).as(request.activityCode()).isPresent();
            assertThat(geography.province(request.provinceCode()).orElseThrow().regionCode())
                    .isEqualTo(applicant.regionCode());
        }
    }

    @Test
    void applicantsSpreadOverEveryProvince_bothGenders_andManyActivities_withUniqueCins() {
        Map<String, Integer> perProvince = new HashMap<>();
        Set<String> activities = new HashSet<>();
        Set<String> cins = new HashSet<>();
        int women = 0;
        int masters = 0;
        for (long n = 0; n < SAMPLE; n++) {
            RegisterArtisanRequest request = applicants.applicant(Cins.PREFILL, n).request();
            perProvince.merge(request.provinceCode(), 1, Integer::sum);
            activities.add(request.activityCode());
            assertThat(cins.add(request.cin())).isTrue();
            women += "F".equals(request.gender()) ? 1 : 0;
            Integer years = request.qualification().yearsOfPractice();
            masters += "EXPERIENCE".equals(request.qualification().route()) && years >= 10 ? 1 : 0;
        }
        assertThat(perProvince.keySet()).hasSameSizeAs(geography.provinces());
        assertThat(perProvince.get("MA-MAR")).isGreaterThan(4 * perProvince.get("MA-AOU"));
        assertThat(activities.size()).isGreaterThan(nomenclature.activities().size() * 9 / 10);
        assertThat(women).isBetween(SAMPLE * 45 / 100, SAMPLE * 55 / 100);
        assertThat(masters).isBetween(SAMPLE / 10, SAMPLE / 2);
    }

    @Test
    void anApplicantIsTheSameOnEveryRun_soThatAPrefillCanBeContinued() {
        Applicants again = new Applicants(geography, nomenclature, TODAY);
        for (long n : new long[] {0, 1, 999_999, 4_321_987}) {
            assertThat(again.applicant(Cins.PREFILL, n)).isEqualTo(applicants.applicant(Cins.PREFILL, n));
        }
        assertThat(applicants.applicant(Cins.HTTP, 7).request().cin())
                .isNotEqualTo(applicants.applicant(Cins.PREFILL, 7).request().cin());
    }

    @Test
    void namesAreWrittenInArabicAndInLatinScript() {
        for (long n = 0; n < 1000; n++) {
            RegisterArtisanRequest request = applicants.applicant(Cins.HTTP, n).request();
            for (RegisterArtisanRequest.Name name : List.of(request.firstName(), request.lastName())) {
                assertThat(lettersAllIn(name.ar(), Character.UnicodeScript.ARABIC)).as(name.ar()).isTrue();
                assertThat(lettersAllIn(name.fr(), Character.UnicodeScript.LATIN)).as(name.fr()).isTrue();
            }
        }
    }

    private static boolean lettersAllIn(String text, Character.UnicodeScript script) {
        return text.codePoints().filter(Character::isLetter).allMatch(c -> Character.UnicodeScript.of(c) == script);
    }
}
