package ma.crafts.register.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NomenclatureTest {

    private static final String SMALL = """
            {"version":"test-2","provisional":false,
             "categories":[{"code":"ART","name":{"ar":"الصناعة التقليدية الإنتاجية","fr":"Artisanat de production"}}],
             "branches":[{"code":"X01","categoryCode":"ART","name":{"ar":"الفخار","fr":"Poterie"}}],
             "activities":[{"code":"X01-001","branchCode":"X01","name":{"ar":"صناعة الفخار","fr":"Poterie"}}]}
            """;

    @Test
    void shipsAProvisionalVersionedListOfTwoCategoriesThirteenBranchesAndOneHundredSeventyTwoActivities() {
        Nomenclature nomenclature = Nomenclature.load(null);
        assertThat(nomenclature.version()).isEqualTo("2021-provisional-1");
        assertThat(nomenclature.provisional()).isTrue();
        assertThat(nomenclature.notice()).contains("2.21.991").contains("not found");
        assertThat(nomenclature.categories()).extracting(Nomenclature.Category::code).containsExactly("ART", "SRV");
        assertThat(nomenclature.branches()).hasSize(13);
        assertThat(nomenclature.activities()).hasSize(172);
        Set<String> branchCodes = nomenclature.branches().stream().map(Nomenclature.Branch::code).collect(Collectors.toSet());
        assertThat(nomenclature.activities()).allSatisfy(a -> {
            assertThat(branchCodes).contains(a.branchCode());
            assertThat(a.code()).startsWith(a.branchCode() + "-").matches("B\\d{2}-\\d{3}");
            assertThat(a.name().ar()).isNotBlank();
            assertThat(a.name().fr()).isNotBlank();
        });
        assertThat(nomenclature.branches()).allSatisfy(b -> assertThat(nomenclature.activitiesOf(b.code())).isNotEmpty());
    }

    @Test
    void looksUpActivitiesAndBranchesWithArabicIntact() {
        Nomenclature nomenclature = Nomenclature.load(null);
        Nomenclature.Activity zellige = nomenclature.activities().stream()
                .filter(a -> a.name().fr().contains("zellige")).findFirst().orElseThrow();
        assertThat(nomenclature.activity(zellige.code())).contains(zellige);
        assertThat(nomenclature.branch(zellige.branchCode()).orElseThrow().name().ar()).isEqualTo("البناء التقليدي");
        assertThat(nomenclature.branch("B10").orElseThrow().categoryCode()).isEqualTo("SRV");
        assertThat(nomenclature.activity("B99-001")).isEmpty();
        assertThat(nomenclature.activity(null)).isEmpty();
    }

    @Test
    void anOperatorFileReplacesTheClasspathList(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("official.json");
        Files.writeString(file, SMALL, StandardCharsets.UTF_8);
        Nomenclature replaced = Nomenclature.load(file.toString());
        assertThat(replaced.version()).isEqualTo("test-2");
        assertThat(replaced.provisional()).isFalse();
        assertThat(replaced.activity("X01-001").orElseThrow().name().ar()).isEqualTo("صناعة الفخار");
    }

    @Test
    void theSystemPropertyOverridesTheClasspathFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("override.json");
        Files.writeString(file, SMALL, StandardCharsets.UTF_8);
        String previous = System.getProperty(Nomenclature.FILE_PROPERTY);
        System.setProperty(Nomenclature.FILE_PROPERTY, file.toString());
        try {
            assertThat(Nomenclature.load().version()).isEqualTo("test-2");
        } finally {
            if (previous == null) {
                System.clearProperty(Nomenclature.FILE_PROPERTY);
            } else {
                System.setProperty(Nomenclature.FILE_PROPERTY, previous);
            }
        }
    }

    @Test
    void rejectsDuplicatesDanglingBranchesAndMissingLanguagesListingEveryProblem() {
        String broken = """
                {"version":"bad","provisional":true,"notice":"test",
                 "categories":[{"code":"ART","name":{"ar":"فن","fr":"Art"}}],
                 "branches":[{"code":"X01","categoryCode":"ART","name":{"ar":"فخار","fr":"Poterie"}},
                             {"code":"X01","categoryCode":"ART","name":{"ar":"خشب","fr":"Bois"}},
                             {"code":"X02","categoryCode":"NOPE","name":{"ar":"جلد","fr":"Cuir"}}],
                 "activities":[{"code":"X01-001","branchCode":"X01","name":{"ar":"فخار","fr":"Poterie"}},
                               {"code":"X01-001","branchCode":"X01","name":{"ar":"خزف","fr":"Céramique"}},
                               {"code":"X09-001","branchCode":"X09","name":{"ar":"شيء","fr":"Chose"}},
                               {"code":"X02-001","branchCode":"X02","name":{"fr":"Sans arabe"}},
                               {"code":"X02-002","branchCode":"X02","name":{"ar":"Latin only","fr":"Latin"}}]}
                """;
        assertThatThrownBy(() -> Nomenclature.parse(broken, "broken.json"))
                .isInstanceOf(ReferenceDataException.class)
                .hasMessageContaining("broken.json")
                .hasMessageContaining("duplicate branch code X01")
                .hasMessageContaining("categoryCode 'NOPE'")
                .hasMessageContaining("duplicate activity code X01-001")
                .hasMessageContaining("branchCode 'X09'")
                .hasMessageContaining("name.ar (Arabic) is missing")
                .hasMessageContaining("contains no Arabic letter");
    }

    @Test
    void rejectsAProvisionalListWithoutNoticeAndInvalidJsonOrEncoding(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> Nomenclature.parse(SMALL.replace("\"provisional\":false", "\"provisional\":true"), "x"))
                .isInstanceOf(ReferenceDataException.class).hasMessageContaining("needs a notice");
        assertThatThrownBy(() -> Nomenclature.parse("{\"version\":", "truncated.json"))
                .isInstanceOf(ReferenceDataException.class).hasMessageContaining("not valid JSON");
        Path latin1 = dir.resolve("latin1.json");
        Files.write(latin1, SMALL.replace("Poterie", "Céramique").getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> Nomenclature.load(latin1.toString()))
                .isInstanceOf(ReferenceDataException.class).hasMessageContaining("not valid UTF-8");
        assertThatThrownBy(() -> Nomenclature.load(dir.resolve("missing.json").toString()))
                .isInstanceOf(ReferenceDataException.class).hasMessageContaining("cannot read the file");
    }
}
