package ma.crafts.register.query.eligibility;

import static ma.crafts.register.values.SealedText.recordedInClear;
import static ma.crafts.register.query.support.TestEvents.registered;
import static ma.crafts.register.query.support.TestEvents.sealed;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import ma.crafts.register.events.artisan.ArtisanJoinedProfessionalBody;
import ma.crafts.register.events.artisan.ArtisanSuspended;
import ma.crafts.register.events.artisan.CardIssued;
import ma.crafts.register.events.cooperative.CooperativeRegistered;
import ma.crafts.register.events.programme.ActorKind;
import ma.crafts.register.events.programme.ConditionType;
import ma.crafts.register.events.programme.EligibilityRule;
import ma.crafts.register.events.programme.ProgrammeTerms;
import ma.crafts.register.query.artisan.ArtisanEvent;
import ma.crafts.register.query.artisan.ArtisanFolding;
import ma.crafts.register.query.artisan.ArtisanState;
import ma.crafts.register.query.programme.ProgrammeVersion;
import ma.crafts.register.values.Gender;
import ma.crafts.register.values.LocalizedText;
import org.junit.jupiter.api.Test;

class RuleEngineTest {

    private static final ZoneId ZONE = ZoneId.of("Africa/Casablanca");
    private final RuleEngine engine = new RuleEngine();
    private final ArtisanFolding folding = new ArtisanFolding();

    private static EligibilityRule rule(String name, ConditionType type, boolean provisional, String... values) {
        return new EligibilityRule(name, type, List.of(values), null, null, null, null, provisional, null);
    }

    private static final ProgrammeVersion EVERY_CONDITION = new ProgrammeVersion("ALL", 3,
            Instant.parse("2020-01-01T00:00:00Z"), new ProgrammeTerms("Test", new LocalizedText("برنامج", "Programme"),
            false, null, List.of(
                    rule("active", ConditionType.STATUS_IS, false, "ACTIVE"),
                    rule("card", ConditionType.HAS_VALID_CARD, true),
                    rule("maalem", ConditionType.CATEGORY_IS, false, "MASTER_ARTISAN"),
                    rule("body", ConditionType.MEMBER_OF_PROFESSIONAL_BODY, false, "B01"),
                    new EligibilityRule("fifteen-years", ConditionType.YEARS_OF_PRACTICE_AT_LEAST, List.of(), 15,
                            null, null, null, false, null),
                    rule("marrakech-safi", ConditionType.REGION_IN, false, "MA-07", "MA-09"),
                    rule("marrakech", ConditionType.PROVINCE_IN, false, "MA-MAR"),
                    rule("pottery", ConditionType.BRANCH_IN, false, "B01"),
                    rule("artisans", ConditionType.ACTOR_KIND_IN, false, "ARTISAN"),
                    rule("women", ConditionType.GENDER_IS, false, "F"),
                    new EligibilityRule("working-age", ConditionType.AGE_BETWEEN, List.of(), null, null, 18, 45,
                            false, null),
                    rule("experience", ConditionType.QUALIFICATION_ROUTE_IN, false, "EXPERIENCE"),
                    new EligibilityRule("two-years-registered", ConditionType.REGISTERED_FOR_AT_LEAST_MONTHS,
                            List.of(), null, 24, null, null, false, null))),
            "test", "admin-1", Instant.parse("2020-01-01T00:00:00Z"));
    private static final LocalDate BORN = LocalDate.parse("1984-03-02");

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
                    new ArtisanSuspended("a1", recordedInClear("a1", "inquiry"))));
        }
        return folding.foldAll(events).orElseThrow();
    }

    private Map<String, RuleOutcome> evaluate(ArtisanState state, LocalDate day) {
        return evaluate(state, day, BORN);
    }

    private Map<String, RuleOutcome> evaluate(ArtisanState state, LocalDate day, LocalDate birthDate) {
        return evaluate(ActorKind.ARTISAN, state, day, birthDate);
    }

    private Map<String, RuleOutcome> evaluate(ActorKind kind, ArtisanState state, LocalDate day, LocalDate birthDate) {
        ProgrammeEligibility result = engine.evaluate(EVERY_CONDITION,
                EligibilityFacts.of(kind, state, day, ZONE, birthDate));
        assertThat(result.eligible()).isEqualTo(result.reasons().stream().allMatch(RuleOutcome::satisfied));
        assertThat(result.programVersion()).isEqualTo(3);
        assertThat(result.effectiveFrom()).isEqualTo(Instant.parse("2020-01-01T00:00:00Z"));
        return result.reasons().stream().collect(Collectors.toMap(RuleOutcome::rule, r -> r));
    }

    @Test
    void everyConditionIsEvaluatedWithAReason() {
        // registered on 2020-03-01 with 12 declared years: 15 years reached on 2023-03-01
        Map<String, RuleOutcome> outcomes = evaluate(artisan(false), LocalDate.parse("2024-06-01"));
        assertThat(outcomes).hasSize(13);
        assertThat(outcomes.values()).allMatch(RuleOutcome::satisfied);
        assertThat(outcomes.values()).allMatch(o -> !o.detail().fr().isBlank() && o.detail().ar().codePoints()
                .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.ARABIC));
        assertThat(outcomes.get("card").provisional()).isTrue();
        assertThat(outcomes.get("card").detail().fr()).contains("C-1");
        assertThat(outcomes.get("card").detail().ar()).contains("C-1");
        assertThat(outcomes.get("fifteen-years").detail().fr()).startsWith("16 ans");
        assertThat(outcomes.get("working-age").detail().fr()).doesNotContain("40").contains("18–45");

        Map<String, RuleOutcome> early = evaluate(artisan(false), LocalDate.parse("2022-02-28"));
        assertThat(early.get("fifteen-years").satisfied()).isFalse();
        assertThat(early.get("card").satisfied()).isFalse();
        assertThat(early.get("two-years-registered").satisfied()).as("23 whole months").isFalse();
        assertThat(early.get("two-years-registered").detail().fr()).contains("23 mois");
    }

    @Test
    void anAgeOutsideTheRangeOrUnknownIsNotMet() {
        assertThat(evaluate(artisan(false), LocalDate.parse("2024-06-01"), LocalDate.parse("1970-01-01"))
                .get("working-age").satisfied()).isFalse();
        RuleOutcome erased = evaluate(artisan(false), LocalDate.parse("2024-06-01"), null).get("working-age");
        assertThat(erased.satisfied()).isFalse();
        assertThat(erased.detail().fr()).contains("date de naissance inconnue");
    }

    @Test
    void aSuspendedHolderLosesStatusAndCardRules() {
        Map<String, RuleOutcome> outcomes = evaluate(artisan(true), LocalDate.parse("2025-06-01"));
        assertThat(outcomes.get("active").satisfied()).isFalse();
        assertThat(outcomes.get("active").detail().fr()).contains("SUSPENDED").contains("requis : ACTIVE");
        assertThat(outcomes.get("active").detail().ar()).contains("SUSPENDED").contains("المطلوب: ACTIVE");
        assertThat(outcomes.get("card").satisfied()).isFalse();
        assertThat(outcomes.get("maalem").satisfied()).isTrue();
        assertThat(outcomes.get("body").satisfied()).isTrue();
    }

    @Test
    void aCooperativeMeetsNoRuleAboutAPersonAndIsToldTheProgrammeIsNotOpenToIt() {
        ArtisanState cooperative = new EligibilityFolding(folding).apply(null,
                new ArtisanEvent("c1", 0, 1, Instant.parse("2020-03-01T10:00:00Z"), new CooperativeRegistered("c1",
                        "NIA-c1", new LocalizedText("تعاونية", "Coopérative"), "MA-MAR", "MA-07",
                        List.of("B01-001", "B03-002"), List.of("B01", "B03"), "2021-provisional-1", Gender.M,
                        sealed("c1")))).orElseThrow();

        Map<String, RuleOutcome> outcomes = evaluate(ActorKind.COOPERATIVE, cooperative,
                LocalDate.parse("2024-06-01"), BORN);

        assertThat(outcomes).hasSize(13);
        assertThat(outcomes).as("what a cooperative has: its status, territory, main branch, registration")
                .hasEntrySatisfying("active", o -> assertThat(o.satisfied()).isTrue())
                .hasEntrySatisfying("marrakech-safi", o -> assertThat(o.satisfied()).isTrue())
                .hasEntrySatisfying("marrakech", o -> assertThat(o.satisfied()).isTrue())
                .hasEntrySatisfying("pottery", o -> assertThat(o.satisfied()).isTrue())
                .hasEntrySatisfying("two-years-registered", o -> assertThat(o.satisfied()).isTrue());
        for (String personal : List.of("card", "maalem", "body", "fifteen-years", "women", "working-age",
                "experience")) {
            RuleOutcome outcome = outcomes.get(personal);
            assertThat(outcome.satisfied()).as(personal).isFalse();
            assertThat(outcome.detail().fr()).as(personal).contains("ne s'applique pas à une coopérative");
            assertThat(outcome.detail().ar()).as(personal).contains("لا ينطبق على تعاونية");
        }
        assertThat(outcomes.get("artisans").satisfied()).isFalse();
        assertThat(outcomes.get("artisans").detail().fr())
                .isEqualTo("programme non ouvert aux coopératives ; ouvert à : ARTISAN");
        assertThat(outcomes.get("artisans").detail().ar()).isEqualTo("البرنامج غير مفتوح للتعاونيات؛ مفتوح لـ: ARTISAN");
    }

    @Test
    void anActorKindRuleNamingTheKindIsMet() {
        EligibilityRule organisations = rule("organisations", ConditionType.ACTOR_KIND_IN, false, "COOPERATIVE",
                "ENTERPRISE");
        EligibilityFacts enterprise = EligibilityFacts.of(ActorKind.ENTERPRISE, artisan(false),
                LocalDate.parse("2024-06-01"), ZONE, null);
        assertThat(engine.evaluate(organisations, enterprise).satisfied()).isTrue();
        assertThat(engine.evaluate(organisations, enterprise).detail().fr()).isEqualTo("type d'acteur : ENTERPRISE");
        RuleOutcome artisan = engine.evaluate(organisations, EligibilityFacts.of(ActorKind.ARTISAN, artisan(false),
                LocalDate.parse("2024-06-01"), ZONE, null));
        assertThat(artisan.satisfied()).isFalse();
        assertThat(artisan.detail().fr()).isEqualTo("programme non ouvert aux artisans ; ouvert à : COOPERATIVE ou "
                + "ENTERPRISE");
    }
}
