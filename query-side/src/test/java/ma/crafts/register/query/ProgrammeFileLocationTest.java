package ma.crafts.register.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import ma.crafts.register.query.eligibility.Programme;
import ma.crafts.register.query.eligibility.ProgrammeCatalogue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.DefaultResourceLoader;

/** {@code register.programmes.file} replaces the bundled programmes with an operator's file. */
class ProgrammeFileLocationTest {

    private final DefaultResourceLoader loader = new DefaultResourceLoader();

    @Test
    void aPlainPathIsAFileAndClasspathStaysAvailable(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("programmes.json");
        Files.writeString(file, """
                {"version": "ops-2026-1", "programmes": [
                  {"programId": "REGIONAL-FAIR", "partner": "Chambre Marrakech-Safi",
                   "name": {"ar": "معرض جهوي", "fr": "Foire régionale"}, "provisional": true,
                   "rules": [{"rule": "in-region", "type": "REGION_IN", "values": ["MA-07"], "provisional": false}]}]}
                """, StandardCharsets.UTF_8);

        ProgrammeCatalogue fromFile = ProgrammeCatalogue.load(QuerySideConfiguration.resource(loader, file.toString()));
        assertThat(fromFile.version()).isEqualTo("ops-2026-1");
        assertThat(fromFile.programmes()).extracting(Programme::programId).containsExactly("REGIONAL-FAIR");
        assertThat(fromFile.programmes().get(0).name().ar()).isEqualTo("معرض جهوي");

        ProgrammeCatalogue bundled = ProgrammeCatalogue.load(
                QuerySideConfiguration.resource(loader, QuerySideConfiguration.DEFAULT_PROGRAMMES));
        assertThat(bundled.programmes()).hasSizeGreaterThan(5);
    }

    @Test
    void aMissingFileStopsStartWithItsName(@TempDir Path dir) {
        String missing = dir.resolve("nope.json").toString();
        assertThatThrownBy(() -> ProgrammeCatalogue.load(QuerySideConfiguration.resource(loader, missing)))
                .isInstanceOf(ProgrammeCatalogue.InvalidProgrammeFileException.class)
                .hasMessageContaining("nope.json");
    }
}
