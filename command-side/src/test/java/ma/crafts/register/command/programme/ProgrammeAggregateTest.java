package ma.crafts.register.command.programme;

import static ma.crafts.register.command.support.TestReference.CLOCK;
import static ma.crafts.register.command.support.TestReference.GEOGRAPHY;
import static ma.crafts.register.command.support.TestReference.NOMENCLATURE;
import static ma.crafts.register.command.support.TestReference.POLICY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.predicate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import ma.crafts.register.errors.InvalidInputException;
import ma.crafts.register.errors.InvalidInputException.FieldProblem;
import ma.crafts.register.events.programme.ConditionType;
import ma.crafts.register.events.programme.EligibilityRule;
import ma.crafts.register.events.programme.ProgrammeDefined;
import ma.crafts.register.events.programme.ProgrammeRevised;
import ma.crafts.register.events.programme.ProgrammeTerms;
import ma.crafts.register.values.LocalizedText;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProgrammeAggregateTest {
    private static final Instant NOW = CLOCK.instant();
    private static final Instant SEEDED = Instant.parse("2025-12-01T00:00:00Z");
    private static final LocalizedText NAME = new LocalizedText("تخفيضات النقل السككي", "Réductions ONCF");

    private FixtureConfiguration<Programme> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Programme.class);
        fixture.registerInjectableResource(new ProgrammeRuleCheck(GEOGRAPHY, NOMENCLATURE));
        fixture.registerInjectableResource(POLICY);
    }

    private static EligibilityRule rule(String name, ConditionType type, String... values) {
        return new EligibilityRule(name, type, List.of(values), null, null, null, null, false, null);
    }

    private static ProgrammeTerms terms(EligibilityRule... rules) {
        return new ProgrammeTerms("ONCF", NAME, true, "draft convention", List.of(rules));
    }

    private static final ProgrammeTerms CARD_ONLY = terms(rule("valid-card", ConditionType.HAS_VALID_CARD));

    @Test
    void aDefinitionIsVersionOneWithItsReasonAndDefaultsToTakeEffectNow() {
        fixture.givenNoPriorActivity()
                .when(new DefineProgramme("ONCF", CARD_ONLY, null, "convention signed"))
                .expectEvents(new ProgrammeDefined("ONCF", NOW, CARD_ONLY, "convention signed"));
    }

    @Test
    void everyRuleTypeOfTheVocabularyIsAccepted() {
        ProgrammeTerms every = terms(
                rule("active", ConditionType.STATUS_IS, "ACTIVE"),
                rule("card", ConditionType.HAS_VALID_CARD),
                rule("body", ConditionType.MEMBER_OF_PROFESSIONAL_BODY, "B01"),
                rule("region", ConditionType.REGION_IN, "MA-07"),
                rule("province", ConditionType.PROVINCE_IN, "MA-MAR"),
                rule("category", ConditionType.CATEGORY_IS, "MASTER_ARTISAN"),
                rule("branch", ConditionType.BRANCH_IN, "B01"),
                rule("kind", ConditionType.ACTOR_KIND_IN, "ARTISAN", "COOPERATIVE"),
                rule("women", ConditionType.GENDER_IS, "F"),
                new EligibilityRule("young", ConditionType.AGE_BETWEEN, List.of(), null, null, 18, 40, false, null),
                new EligibilityRule("practice", ConditionType.YEARS_OF_PRACTICE_AT_LEAST, List.of(), 5, null, null,
                        null, false, null),
                rule("route", ConditionType.QUALIFICATION_ROUTE_IN, "DIPLOMA"),
                new EligibilityRule("seniority", ConditionType.REGISTERED_FOR_AT_LEAST_MONTHS, List.of(), null, 6,
                        null, null, false, null));
        fixture.givenNoPriorActivity()
                .when(new DefineProgramme("YOUTH", every, SEEDED, "test"))
                .expectEvents(new ProgrammeDefined("YOUTH", SEEDED, every, "test"));
    }

    @Test
    void aRevisionIsTheNextVersionFromItsEffectiveDate() {
        ProgrammeTerms revised = terms(rule("active", ConditionType.STATUS_IS, "ACTIVE"),
                rule("valid-card", ConditionType.HAS_VALID_CARD));
        Instant from = NOW.plus(Duration.ofDays(20));
        fixture.given(new ProgrammeDefined("ONCF", SEEDED, CARD_ONLY, "seed"))
                .when(new ReviseProgramme("ONCF", revised, from, "convention amended"))
                .expectEvents(new ProgrammeRevised("ONCF", 2, from, revised, "convention amended"))
                .expectResultMessagePayload(new ProgrammeRevised("ONCF", 2, from, revised, "convention amended"));
    }

    @Test
    void aRevisionCannotRewriteThePastNorStartBeforeTheVersionItReplaces() {
        fixture.given(new ProgrammeDefined("ONCF", SEEDED, CARD_ONLY, "seed"))
                .when(new ReviseProgramme("ONCF", CARD_ONLY, NOW.minusSeconds(1), "backdated"))
                .expectNoEvents()
                .expectException(problemsAt("effectiveFrom"));

        Instant later = NOW.plus(Duration.ofDays(30));
        fixture.given(new ProgrammeDefined("ONCF", SEEDED, CARD_ONLY, "seed"),
                        new ProgrammeRevised("ONCF", 2, later, CARD_ONLY, "announced"))
                .when(new ReviseProgramme("ONCF", CARD_ONLY, later.minusSeconds(60), "squeezed in"))
                .expectNoEvents()
                .expectException(problemsAt("effectiveFrom"));
    }

    @Test
    void aRevisionWithBadRulesNamesEachBadRuleAndStoresNothing() {
        ProgrammeTerms broken = terms(
                rule("active", ConditionType.STATUS_IS, "ASLEEP"),
                new EligibilityRule("practice", ConditionType.YEARS_OF_PRACTICE_AT_LEAST, List.of(), null, null, null,
                        null, false, null),
                rule("telepathy", null),
                rule("fine", ConditionType.HAS_VALID_CARD),
                rule("region", ConditionType.REGION_IN, "MA-99"),
                new EligibilityRule("age", ConditionType.AGE_BETWEEN, List.of(), null, null, 40, 18, false, null),
                rule("Bad Name", ConditionType.BRANCH_IN, "B99"),
                rule("active", ConditionType.HAS_VALID_CARD));
        fixture.given(new ProgrammeDefined("ONCF", SEEDED, CARD_ONLY, "seed"))
                .when(new ReviseProgramme("ONCF", broken, null, "broken"))
                .expectNoEvents()
                .expectException(predicate(e -> {
                    List<String> fields = ((InvalidInputException) e).problems().stream().map(FieldProblem::field).toList();
                    assertThat(fields).containsOnly("rules[0]", "rules[1]", "rules[2]", "rules[4]", "rules[5]",
                            "rules[6]", "rules[7]");
                    assertThat(((InvalidInputException) e).problems()).extracting(FieldProblem::message)
                            .anyMatch(m -> m.contains("'ASLEEP'"))
                            .anyMatch(m -> m.contains("needs years"))
                            .anyMatch(m -> m.contains("type must be one of"))
                            .anyMatch(m -> m.contains("'MA-99'"))
                            .anyMatch(m -> m.contains("above maximumAge"))
                            .anyMatch(m -> m.contains("'B99'"))
                            .anyMatch(m -> m.contains("used twice"));
                    return true;
                }));
    }

    @Test
    void aDefinitionNeedsAnIdANameInArabicRulesAndAReason() {
        ProgrammeTerms nameless = new ProgrammeTerms(" ", new LocalizedText("no arabic", null), false, null, List.of());
        fixture.givenNoPriorActivity()
                .when(new DefineProgramme("bad id", nameless, null, " "))
                .expectNoEvents()
                .expectException(predicate(e -> {
                    assertThat(((InvalidInputException) e).problems()).extracting(FieldProblem::field)
                            .contains("programId", "partner", "name.ar", "name.fr", "rules", "reason");
                    return true;
                }));
    }

    @Test
    void aRevisionOfAnotherAggregatesStreamIsNotFound() {
        fixture.givenNoPriorActivity()
                .when(new ReviseProgramme("NOPE", CARD_ONLY, null, "why"))
                .expectException(org.axonframework.modelling.command.AggregateNotFoundException.class);
    }

    private static Matcher<Throwable> problemsAt(String field) {
        return predicate(e -> e instanceof InvalidInputException invalid
                && invalid.problems().stream().allMatch(p -> p.field().equals(field)));
    }
}
