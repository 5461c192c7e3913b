package ma.crafts.register.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class GeographyTest {

    private final Geography geography = Geography.load();

    @Test
    void loadsTheTwelveRegionsAndSeventyFivePrefecturesAndProvinces() {
        assertThat(geography.regions()).hasSize(12);
        assertThat(geography.regions().get(0).code()).isEqualTo("MA-01");
        assertThat(geography.provinces()).hasSize(75);
        assertThat(geography.provinces().stream().filter(p -> p.kind().equals("prefecture"))).hasSize(13);
        Set<String> regionCodes = geography.regions().stream().map(Geography.Region::code).collect(Collectors.toSet());
        assertThat(geography.provinces()).allSatisfy(p -> assertThat(regionCodes).contains(p.regionCode()));
    }

    @Test
    void keepsArabicAndFrenchNamesByteForByte() {
        Geography.Region marrakechSafi = geography.region("MA-07").orElseThrow();
        assertThat(marrakechSafi.name().fr()).isEqualTo("Marrakech-Safi");
        assertThat(marrakechSafi.name().ar()).isEqualTo("مراكش - آسفي");
        assertThat(marrakechSafi.seat()).isEqualTo("Marrakech");
        Geography.Province marrakech = geography.province("MA-MAR").orElseThrow();
        assertThat(marrakech.regionCode()).isEqualTo("MA-07");
        assertThat(geography.region("MA-01").orElseThrow().name().fr()).isEqualTo("Tanger-Tétouan-Al Hoceïma");
    }

    @Test
    void appliesTheDocumentedCorrectionsToIsoParents() {
        assertThat(geography.province("MA-CHT").orElseThrow().regionCode()).isEqualTo("MA-09");
        assertThat(geography.province("MA-NOU").orElseThrow().regionCode()).isEqualTo("MA-06");
    }

    @Test
    void unknownCodesAreEmpty() {
        assertThat(geography.province("MA-XXX")).isEmpty();
        assertThat(geography.region("MA-13")).isEmpty();
        assertThat(geography.province(null)).isEmpty();
        assertThat(geography.provincesOf("MA-07")).extracting(Geography.Province::code).contains("MA-MAR", "MA-SAF", "MA-ESI");
    }

    @Test
    void readsRfc4180QuotedFields() {
        String regions = "code,name_fr,name_ar,seat\r\nMA-01,\"Tanger, \"\"Nord\"\"\",طنجة,\"Tan\nger\"\r\n";
        String provinces = "code,name_fr,name_ar,kind,region_code\nMA-TNG,Tanger-Assilah,طنجة - أصيلة,prefecture,MA-01\n";
        Geography parsed = Geography.parse(regions, "regions", provinces, "provinces");
        Geography.Region region = parsed.region("MA-01").orElseThrow();
        assertThat(region.name().fr()).isEqualTo("Tanger, \"Nord\"");
        assertThat(region.seat()).isEqualTo("Tan\nger");
    }

    @Test
    void rejectsInconsistentFilesNamingEveryProblem() {
        String regions = "code,name_fr,name_ar,seat\nMA-01,Tanger,طنجة,Tanger\nMA-01,Again,مرة,Tanger\n";
        String provinces = "code,name_fr,name_ar,kind,region_code\nMA-TNG,Tanger,,prefecture,MA-99\nMA-TNG,Tanger,طنجة,county,MA-01\n";
        assertThatThrownBy(() -> Geography.parse(regions, "regions", provinces, "provinces"))
                .isInstanceOf(ReferenceDataException.class)
                .hasMessageContaining("duplicate region code MA-01")
                .hasMessageContaining("name_ar is empty")
                .hasMessageContaining("unknown region MA-99")
                .hasMessageContaining("kind 'county'")
                .hasMessageContaining("duplicate territory code MA-TNG");
    }

    @Test
    void rejectsAWrongHeaderAndAnUnterminatedQuote() {
        assertThatThrownBy(() -> Geography.parse("id,name\n", "regions", "", "provinces"))
                .isInstanceOf(ReferenceDataException.class).hasMessageContaining("header must be code,name_fr,name_ar,seat");
        assertThatThrownBy(() -> Geography.parse("code,name_fr,name_ar,seat\nMA-01,\"open,x,y\n", "regions", "", "provinces"))
                .isInstanceOf(ReferenceDataException.class).hasMessageContaining("unterminated quoted field");
    }
}
