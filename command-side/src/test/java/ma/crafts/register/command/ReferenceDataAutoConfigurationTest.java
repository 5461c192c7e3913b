package ma.crafts.register.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import ma.crafts.register.reference.Geography;
import ma.crafts.register.reference.Nomenclature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class ReferenceDataAutoConfigurationTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ReferenceDataAutoConfiguration.class));

    @Test
    void shipsTheClasspathReferenceData() {
        runner.run(context -> {
            assertThat(context.getBean(Nomenclature.class).version()).isEqualTo("2021-provisional-1");
            assertThat(context.getBean(Geography.class).regions()).hasSize(12);
        });
    }

    @Test
    void theNomenclatureFilePropertyReplacesTheListWithoutCodeChange(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("official.json");
        Files.writeString(file, """
                {"version":"2.21.991-official","provisional":false,
                 "categories":[{"code":"SRV","name":{"ar":"الصناعة التقليدية الخدماتية","fr":"Artisanat de services"}}],
                 "branches":[{"code":"S1","categoryCode":"SRV","name":{"ar":"الحلاقة","fr":"Coiffure"}}],
                 "activities":[{"code":"S1-01","branchCode":"S1","name":{"ar":"حلاقة","fr":"Coiffeur"}}]}
                """, StandardCharsets.UTF_8);
        runner.withPropertyValues("register.nomenclature.file=" + file).run(context ->
                assertThat(context.getBean(Nomenclature.class).version()).isEqualTo("2.21.991-official"));
    }

    @Test
    void anInvalidFileStopsTheStartWithAClearMessage(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, "{\"version\":\"x\",\"provisional\":false,\"categories\":[],\"branches\":[],\"activities\":[]}");
        runner.withPropertyValues("register.nomenclature.file=" + file).run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("broken.json")
                        .hasMessageContaining("categories must be a non-empty array"));
    }

    @Test
    void backsOffWhenAnotherModuleDefinesTheBeans() {
        Nomenclature own = Nomenclature.load(null);
        runner.withBean(Nomenclature.class, () -> own).run(context ->
                assertThat(context.getBean(Nomenclature.class)).isSameAs(own));
    }
}
