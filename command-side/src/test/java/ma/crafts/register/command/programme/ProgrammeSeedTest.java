package ma.crafts.register.command.programme;

import static ma.crafts.register.command.support.TestReference.GEOGRAPHY;
import static ma.crafts.register.command.support.TestReference.NOMENCLATURE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import ma.crafts.register.command.CommandGatewayReceipts;
import ma.crafts.register.command.CommandGatewayReceipts.Appended;
import ma.crafts.register.errors.RuleViolationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.DefaultResourceLoader;

/** The seed defines each programme of the file once, whatever ran before it, and only through valid terms. */
class ProgrammeSeedTest {
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
    private final DefaultResourceLoader loader = new DefaultResourceLoader();
    private final Set<String> streams = new HashSet<>();
    private final List<DefineProgramme> sent = new ArrayList<>();

    /** A registry whose store holds {@link #streams}; a definition of an existing one conflicts as the store would. */
    private ProgrammeRegistry registry(Set<String> definedConcurrently) {
        return new ProgrammeRegistry(new CommandGatewayReceipts(null) {
            @Override
            public <R> Appended<R> send(Object command, String aggregateId, Class<R> resultType) {
                if (definedConcurrently.remove(aggregateId)) {
                    streams.add(aggregateId);
                }
                if (!streams.add(aggregateId)) {
                    throw new org.axonframework.modelling.command.AggregateStreamCreationException("exists");
                }
                sent.add((DefineProgramme) command);
                return new Appended<>(null, 0, sent.size());
            }
        }, streams::contains);
    }

    @Test
    void theBundledSeedIsDefinedOnceAndEveryProgrammeIsValid() {
        ProgrammeSeed seed = new ProgrammeSeed(registry(new HashSet<>()),
                ProgrammeSeed.resource(loader, ProgrammeConfiguration.DEFAULT_SEED), json);
        int defined = seed.seed();
        assertThat(defined).isEqualTo(sent.size()).isGreaterThan(5);
        assertThat(sent).extracting(DefineProgramme::programId).contains("AMO-NON-TAXED", "BARID-BANK", "ONCF",
                "MAISON-ARTISAN-FAIRS", "CTM", "MCMA", "BRICOMA", "VISA");
        assertThat(sent).allMatch(c -> c.reason().contains("2025-12-1") && c.effectiveFrom() != null);
        ProgrammeRuleCheck check = new ProgrammeRuleCheck(GEOGRAPHY, NOMENCLATURE);
        assertThat(sent).allSatisfy(c -> assertThat(check.problems(c.terms())).isEmpty());

        assertThat(seed.seed()).as("a restart seeds nothing").isZero();
        assertThat(sent).hasSize(defined);
    }

    @Test
    void aProgrammeSeededConcurrentlyByAnotherProcessIsLeftAsItIs() {
        Set<String> concurrently = new HashSet<>(Set.of("ONCF"));
        ProgrammeSeed seed = new ProgrammeSeed(registry(concurrently),
                ProgrammeSeed.resource(loader, ProgrammeConfiguration.DEFAULT_SEED), json);
        seed.seed();
        assertThat(sent).extracting(DefineProgramme::programId).doesNotContain("ONCF").contains("CTM");
        assertThat(streams).contains("ONCF");
    }

    @Test
    void aPlainPathIsAnOperatorsFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("programmes.json");
        Files.writeString(file, """
                {"version": "ops-2026-1", "effectiveFrom": "2026-01-01T00:00:00Z", "programmes": [
                  {"programId": "REGIONAL-FAIR", "partner": "Chambre Marrakech-Safi",
                   "name": {"ar": "معرض جهوي", "fr": "Foire régionale"}, "provisional": true,
                   "rules": [{"rule": "in-region", "type": "REGION_IN", "values": ["MA-07"], "provisional": false}]}]}
                """, StandardCharsets.UTF_8);
        new ProgrammeSeed(registry(new HashSet<>()), ProgrammeSeed.resource(loader, file.toString()), json).seed();
        assertThat(sent).singleElement().satisfies(c -> {
            assertThat(c.programId()).isEqualTo("REGIONAL-FAIR");
            assertThat(c.terms().name().ar()).isEqualTo("معرض جهوي");
            assertThat(c.terms().rules().get(0).values()).containsExactly("MA-07");
        });
    }

    @Test
    void aMissingFileStopsStartWithItsName(@TempDir Path dir) {
        String missing = dir.resolve("nope.json").toString();
        assertThatThrownBy(() -> new ProgrammeSeed(registry(new HashSet<>()), ProgrammeSeed.resource(loader, missing),
                json).seed()).hasMessageContaining("nope.json");
    }

    @Test
    void aSecondDefinitionIsARuleViolation() {
        streams.add("ONCF");
        assertThatThrownBy(() -> registry(new HashSet<>()).define(new DefineProgramme("ONCF", null, null, "x")))
                .isInstanceOf(RuleViolationException.class)
                .satisfies(e -> assertThat(((RuleViolationException) e).rule())
                        .isEqualTo(ProgrammeRegistry.ONE_DEFINITION_RULE));
    }
}
