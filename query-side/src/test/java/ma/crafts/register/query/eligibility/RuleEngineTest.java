package ma.crafts.register.query.eligibility;

import static ma.crafts.register.query.support.TestEvents.registered;
import static ma.crafts.register.query.support.TestEvents.sealed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import ma.crafts.register.events.artisan.ArtisanJoinedProfessionalBody;
import ma.crafts.register.events.artisan.ArtisanSuspended;
import ma.crafts.register.events.artisan.CardIssued;
import ma.crafts.register.query.artisan.ArtisanEvent;
import ma.crafts.register.query.artisan.ArtisanFolding;
import ma.crafts.register.query.artisan.ArtisanState;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

class RuleEngineTest {

    private static final ZoneId ZONE = ZoneId.of("Africa/Casablanca");
    private final RuleEngine engine = new RuleEngine();
    private final ArtisanFolding folding = new ArtisanFolding();

    private static final String EVERY_CONDITION = """
            {"version": "test-1", "programmes": [
              {"programId": "ALL", "partner": "Test", "name": {"ar": "برنامج", "fr": "Programme"}, "provisional": false,
               "rules": [
                 {"rule": "active", "type": "STATUS_IS", "values": ["ACTIVE"], "provisional": false},
                 {"rule": "card", "type": "HAS_VALID_CARD", "provisional": true},
                 {"rule": "maalem", "type": "CATEGORY_IS", "values": ["MASTER_ARTISAN"], "provisional": false},
                 {"rule": "body", "type": "MEMBER_OF_PROFESSIONAL_BODY", "values": ["B01"], "provisional": false},
                 {"rule": "fifteen-years", "type": "YEARS_OF_PRACTICE_AT_LEAST", "years": 15, "provisional": false},
                 {"rule": "marrakech-safi", "type": "REGION_IN", "values": ["MA-07", "MA-09"], "provisional": false},
                 {"rule": "pottery", "type": "BRANCH_IN", "values": ["B01"], "provisional": false}
               ]}]}
            """;

    private ArtisanState artisan(boolean suspended) {
        List<ArtisanEvent> events = new java.util.ArrayList<>(List.of(
                new ArtisanEvent("a1", 0, 1, Instant.parse("2020-03-01T10:00:00Z"),
                        registered("a1", "MA-MAR", "MA-07", "B01", sealed("a1"))),
                new ArtisanEvent("a1", 1, 2, Instant.parse("2024-01-10T10:00:00Z"),
                        new CardIssued("a1", "C-1", LocalDate.parse("2024-01-10"), LocalDate.parse("2029-01-09"), null)),
                new ArtisanEvent("a1", 2, 3, Instant.parse("2024-01-11T10:00:00Z"),
                        new ArtisanJoinedProfessionalBody("a1", "body-1", "B01", LocalDate.parse("2024-01-11")))));
        if (suspended) {
            events.add(new ArtisanEvent("a1", 3, 4, Instant.parse("2025-01-11T10:00:00Z"),
                    new ArtisanSuspended("a1", "inquiry")));
        }
        return folding.foldAll(events).orElseThrow();
    }

    private Map<String, RuleOutcome> evaluate(ArtisanState state, LocalDate day) {
        Programme programme = ProgrammeCatalogue.parse(EVERY_CONDITION, "test").programmes().get(0);
        ProgrammeEligibility result = engine.evaluate(programme, EligibilityFacts.of(state, day, ZONE));
        assertThat(result.eligible()).isEqualTo(result.reasons().stream().allMatch(RuleOutcome::satisfied));
        return result.reasons().stream().collect(Collectors.toMap(RuleOutcome::rule, r -> r));
    }

    @Test
    void everyConditionIsEvaluatedWithAReason() {
        // registered on 2020-03-01 with 12 declared years: 15 years reached on 2023-03-01
        Map<String, RuleOutcome> outcomes = evaluate(artisan(false), LocalDate.parse("2024-06-01"));
        assertThat(outcomes).hasSize(7);
        assertThat(outcomes.values()).allMatch(RuleOutcome::satisfied);
        assertThat(outcomes.get("card").provisional()).isTrue();
        assertThat(outcomes.get("card").detail()).contains("C-1");
        assertThat(outcomes.get("fifteen-years").detail()).startsWith("16 years");

        Map<String, RuleOutcome> early = evaluate(artisan(false), LocalDate.parse("2023-02-28"));
        assertThat(early.get("fifteen-years").satisfied()).isFalse();
        assertThat(early.get("card").satisfied()).isFalse();
    }

    @Test
    void aSuspendedHolderLosesStatusAndCardRules() {
        Map<String, RuleOutcome> outcomes = evaluate(artisan(true), LocalDate.parse("2025-06-01"));
        assertThat(outcomes.get("active").satisfied()).isFalse();
        assertThat(outcomes.get("active").detail()).contains("SUSPENDED").contains("required: ACTIVE");
        assertThat(outcomes.get("card").satisfied()).isFalse();
        assertThat(outcomes.get("maalem").satisfied()).isTrue();
        assertThat(outcomes.get("body").satisfied()).isTrue();
    }

    @Test
    void theBundledProgrammesLoadAndCoverThePartners() {
        ProgrammeCatalogue catalogue = ProgrammeCatalogue.load(new ClassPathResource("eligibility/programmes.json"));
        assertThat(catalogue.programmes()).extracting(Programme::programId).contains("AMO-NON-TAXED", "BARID-BANK",
                "ONCF", "MAISON-ARTISAN-FAIRS", "CTM", "MCMA", "BRICOMA", "VISA");
        assertThat(catalogue.programmes()).allMatch(p -> !p.rules().isEmpty());
        assertThat(catalogue.programmes().stream().flatMap(p -> p.rules().stream()))
                .anyMatch(EligibilityRule::provisional);

        Map<String, Boolean> eligible = catalogue.programmes().stream()
                .map(p -> engine.evaluate(p, EligibilityFacts.of(artisan(false), LocalDate.parse("2024-06-01"), ZONE)))
                .collect(Collectors.toMap(ProgrammeEligibility::programId, ProgrammeEligibility::eligible));
        assertThat(eligible).containsEntry("AMO-NON-TAXED", true).containsEntry("ONCF", true);
        Map<String, Boolean> whenSuspended = catalogue.programmes().stream()
                .map(p -> engine.evaluate(p, EligibilityFacts.of(artisan(true), LocalDate.parse("2025-06-01"), ZONE)))
                .collect(Collectors.toMap(ProgrammeEligibility::programId, ProgrammeEligibility::eligible));
        assertThat(whenSuspended).containsEntry("AMO-NON-TAXED", false).containsEntry("ONCF", false);
    }

    @Test
    void aBrokenProgrammeFileIsRejectedWithEveryProblem() {
        String broken = """
                {"version": "x", "programmes": [
                  {"programId": "bad id", "partner": "P", "name": {"ar": "no arabic", "fr": "F"}, "provisional": "yes",
                   "rules": [
                     {"rule": "r", "type": "STATUS_IS", "values": ["ASLEEP"], "provisional": false},
                     {"rule": "r", "type": "YEARS_OF_PRACTICE_AT_LEAST", "provisional": false},
                     {"rule": "s", "type": "TELEPATHY", "provisional": false}
                   ]}]}
                """;
        assertThatThrownBy(() -> ProgrammeCatalogue.parse(broken, "broken.json"))
                .isInstanceOf(ProgrammeCatalogue.InvalidProgrammeFileException.class)
                .satisfies(e -> assertThat(((ProgrammeCatalogue.InvalidProgrammeFileException) e).problems())
                        .anyMatch(p -> p.contains("programId"))
                        .anyMatch(p -> p.contains("name.ar"))
                        .anyMatch(p -> p.contains("provisional must be true or false"))
                        .anyMatch(p -> p.contains("'ASLEEP'"))
                        .anyMatch(p -> p.contains("needs years"))
                        .anyMatch(p -> p.contains("TELEPATHY"))
                        .anyMatch(p -> p.contains("used twice")));
    }
}
