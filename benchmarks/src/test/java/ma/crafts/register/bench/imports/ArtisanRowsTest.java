package ma.crafts.register.bench.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import ma.crafts.register.bench.http.Applicants;
import ma.crafts.register.command.RegisterPolicy;
import ma.crafts.register.command.artisan.ApplicantRules;
import ma.crafts.register.errors.InvalidInputException;
import ma.crafts.register.reference.Geography;
import ma.crafts.register.reference.Nomenclature;
import ma.crafts.register.values.LocalizedText;
import ma.crafts.register.values.PersonalData;
import org.junit.jupiter.api.Test;

class ArtisanRowsTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 7);
    private static final RegisterPolicy POLICY =
            RegisterPolicy.defaults(Clock.fixed(TODAY.atStartOfDay().toInstant(ZoneOffset.UTC), RegisterPolicy.MOROCCO));
    private static final int SAMPLE = 40_000;

    private final Geography geography = Geography.load();
    private final Nomenclature nomenclature = Nomenclature.load((String) null);
    private final Applicants applicants = new Applicants(geography, nomenclature, TODAY);
    private final ArtisanRows rows = new ArtisanRows(applicants, 5017, 0.03, TODAY);

    @Test
    void aShareOfRowsCarriesAFault_everyKindAboutEquallyOften() {
        Map<Fault, Integer> faults = new EnumMap<>(Fault.class);
        for (long n = 0; n < SAMPLE; n++) {
            Fault fault = rows.row(n).fault();
            if (fault != null) {
                faults.merge(fault, 1, Integer::sum);
            }
        }
        int invalid = faults.values().stream().mapToInt(Integer::intValue).sum();
        assertThat(invalid).isBetween(SAMPLE * 27 / 1000, SAMPLE * 33 / 1000);
        assertThat(faults.keySet()).containsExactlyInAnyOrder(Fault.values());
        int fairShare = invalid / Fault.values().length;
        assertThat(faults.values()).allSatisfy(count -> assertThat(count).isBetween(fairShare * 2 / 3, fairShare * 4 / 3));
    }

    @Test
    void validRowsPassTheRegistersRules_coverEveryRegionAndProvince_andNeverShareACin() {
        Set<String> provinces = new HashSet<>();
        Set<String> regions = new HashSet<>();
        Set<String> cins = new HashSet<>();
        for (long n = 0; n < SAMPLE; n++) {
            ArtisanRows.Row row = rows.row(n);
            if (!row.valid()) {
                continue;
            }
            Map<String, String> values = row.values();
            assertThat(problemsOf(values)).as("row %d", n).isEmpty();
            assertThat(cins.add(values.get(ArtisanColumns.CIN))).as("row %d's CIN is new", n).isTrue();
            provinces.add(values.get(ArtisanColumns.PROVINCE));
            regions.add(geography.province(values.get(ArtisanColumns.PROVINCE)).orElseThrow().regionCode());
        }
        assertThat(provinces).hasSameSizeAs(geography.provinces());
        assertThat(regions).hasSameSizeAs(geography.regions());
    }

    @Test
    void everyFaultyRowBreaksItsRule() {
        Map<String, Long> firstRowOfCin = new HashMap<>();
        for (long n = 0; n < SAMPLE; n++) {
            ArtisanRows.Row row = rows.row(n);
            Map<String, String> values = row.values();
            if (row.valid()) {
                firstRowOfCin.putIfAbsent(values.get(ArtisanColumns.CIN), n);
                continue;
            }
            String problems = problemsOf(values);
            switch (row.fault()) {
                case BAD_CIN -> assertThat(problems).contains("cin");
                case DUPLICATE_CIN -> {
                    assertThat(problems).isEmpty();
                    assertThat(firstRowOfCin).as("row %d repeats an earlier valid row's CIN", n)
                            .containsKey(values.get(ArtisanColumns.CIN));
                }
                case UNKNOWN_PROVINCE -> assertThat(geography.province(values.get(ArtisanColumns.PROVINCE))).isEmpty();
                case UNDER_AGE -> assertThat(problems).contains("birthDate").contains("age of");
                case MISSING_ARABIC_NAME -> assertThat(problems).contains("firstName");
                case UNREADABLE_BIRTH_DATE -> assertThat(problems).contains("birthDate");
                case UNKNOWN_ACTIVITY -> assertThat(nomenclature.activity(values.get(ArtisanColumns.ACTIVITY))).isEmpty();
                case TOO_LITTLE_PRACTICE -> {
                    assertThat(values.get(ArtisanColumns.ROUTE)).isEqualTo("EXPERIENCE");
                    assertThat(Integer.parseInt(values.get(ArtisanColumns.YEARS))).isLessThan(3);
                }
            }
        }
    }

    @Test
    void aRowIsTheSameOnEveryRun_andAnotherSeedGivesOtherPeople() {
        ArtisanRows again = new ArtisanRows(new Applicants(geography, nomenclature, TODAY), 5017, 0.03, TODAY);
        ArtisanRows otherSeed = new ArtisanRows(applicants, 42, 0.03, TODAY);
        for (long n : new long[] {0, 1, 777, 420_999}) {
            assertThat(again.row(n)).isEqualTo(rows.row(n));
            assertThat(otherSeed.row(n).values()).isNotEqualTo(rows.row(n).values());
        }
    }

    @Test
    void theShareOfFaultyRowsIsChecked() {
        assertThatThrownBy(() -> new ArtisanRows(applicants, 1, 1.5, TODAY)).isInstanceOf(IllegalArgumentException.class);
    }

    /** The problems the register's own rules find in a row's personal data, "" when none. */
    private static String problemsOf(Map<String, String> values) {
        LocalDate birthDate;
        try {
            birthDate = LocalDate.parse(values.get(ArtisanColumns.BIRTH_DATE));
        } catch (RuntimeException unreadable) {
            return "birthDate unreadable";
        }
        String years = values.get(ArtisanColumns.YEARS);
        try {
            ApplicantRules.validate(new PersonalData(values.get(ArtisanColumns.CIN),
                    new LocalizedText(values.get(ArtisanColumns.FIRST_NAME_AR), values.get(ArtisanColumns.FIRST_NAME_FR)),
                    new LocalizedText(values.get(ArtisanColumns.LAST_NAME_AR), values.get(ArtisanColumns.LAST_NAME_FR)),
                    birthDate, emptyToNull(values.get(ArtisanColumns.PHONE)), emptyToNull(values.get(ArtisanColumns.ADDRESS))),
                    years.isEmpty() ? null : Integer.valueOf(years), POLICY);
            return "";
        } catch (InvalidInputException invalid) {
            return invalid.getMessage() + " " + invalid.problems();
        }
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
