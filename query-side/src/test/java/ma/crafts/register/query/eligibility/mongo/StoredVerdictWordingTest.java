package ma.crafts.register.query.eligibility.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ma.crafts.register.events.artisan.ArtisanJoinedProfessionalBody;
import ma.crafts.register.events.artisan.ArtisanRegistered;
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
import ma.crafts.register.query.eligibility.EligibilityFacts;
import ma.crafts.register.query.eligibility.EligibilityFolding;
import ma.crafts.register.query.eligibility.RuleEngine;
import ma.crafts.register.query.eligibility.Verdict;
import ma.crafts.register.query.programme.ProgrammeVersion;
import ma.crafts.register.values.ArtisanCategory;
import ma.crafts.register.values.Gender;
import ma.crafts.register.values.LocalizedText;
import ma.crafts.register.values.QualificationRoute;
import ma.crafts.register.values.RegisteredQualification;
import ma.crafts.register.values.SealedPersonalData;
import ma.crafts.register.values.SealedText;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * Verdicts stored as findings are worded, when read, byte for byte as the engine worded them when the model stored
 * whole sentences: {@code eligibility/worded-verdicts.json} is the JSON of the verdicts below as that engine gave
 * them (every wording, met and not, for an artisan and a cooperative), and these are read back from BSON.
 */
class StoredVerdictWordingTest {

    private static final ZoneId ZONE = ZoneId.of("Africa/Casablanca");
    private static final LocalDate BORN = LocalDate.parse("1984-03-02");
    private static final Instant SINCE = Instant.parse("2020-01-01T00:00:00Z");

    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);

    @Test
    void everyWordingReadsBackAsTheWholeSentencesWere() throws IOException {
        RuleEngine engine = new RuleEngine();
        ObjectNode read = json.createObjectNode();
        cases().forEach((name, facts) -> versions().forEach(version -> {
            Verdict verdict = engine.judge(version, facts);
            Document stored = Document.parse(VerdictCodec.toDocument(verdict).toJson());
            read.set(name + " v" + version.version(),
                    json.valueToTree(VerdictCodec.fromDocument(stored).explained(version)));
        }));

        assertThat(json.writeValueAsString(read)).isEqualTo(golden());
    }

    private String golden() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/eligibility/worded-verdicts.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }

    private static List<ProgrammeVersion> versions() {
        return List.of(
                version(1, rule("active", ConditionType.STATUS_IS, "ACTIVE"),
                        rule("card", ConditionType.HAS_VALID_CARD),
                        rule("maalem", ConditionType.CATEGORY_IS, "MASTER_ARTISAN"),
                        rule("body", ConditionType.MEMBER_OF_PROFESSIONAL_BODY, "B01"),
                        new EligibilityRule("fifteen-years", ConditionType.YEARS_OF_PRACTICE_AT_LEAST, List.of(), 15,
                                null, null, null, false, null),
                        rule("marrakech-safi", ConditionType.REGION_IN, "MA-07", "MA-09"),
                        rule("marrakech", ConditionType.PROVINCE_IN, "MA-MAR"),
                        rule("pottery", ConditionType.BRANCH_IN, "B01"),
                        rule("artisans", ConditionType.ACTOR_KIND_IN, "ARTISAN"),
                        rule("women", ConditionType.GENDER_IS, "F"),
                        new EligibilityRule("working-age", ConditionType.AGE_BETWEEN, List.of(), null, null, 18, 45,
                                true, null),
                        rule("experience", ConditionType.QUALIFICATION_ROUTE_IN, "EXPERIENCE"),
                        new EligibilityRule("two-years-registered", ConditionType.REGISTERED_FOR_AT_LEAST_MONTHS,
                                List.of(), null, 24, null, null, false, null)),
                version(2, rule("any-body", ConditionType.MEMBER_OF_PROFESSIONAL_BODY),
                        rule("weaving", ConditionType.BRANCH_IN, "B03", "B04"),
                        rule("organisations", ConditionType.ACTOR_KIND_IN, "COOPERATIVE", "ENTERPRISE"),
                        new EligibilityRule("over-sixty", ConditionType.AGE_BETWEEN, List.of(), null, null, 60, null,
                                false, null)));
    }

    private static ProgrammeVersion version(int version, EligibilityRule... rules) {
        return new ProgrammeVersion("ALL", version, SINCE, new ProgrammeTerms("Test",
                new LocalizedText("برنامج", "Programme"), version == 2, null, List.of(rules)), "test", "admin-1", SINCE);
    }

    private static EligibilityRule rule(String name, ConditionType type, String... values) {
        return new EligibilityRule(name, type, List.of(values), null, null, null, null, false, null);
    }

    private static Map<String, EligibilityFacts> cases() {
        ArtisanFolding folding = new ArtisanFolding();
        SealedPersonalData sealed = new SealedPersonalData("a1", "AES-256-GCM", "bm9uY2U=", "Y2lwaGVydGV4dA==");
        ArtisanEvent registered = new ArtisanEvent("a1", 0, 1, Instant.parse("2020-03-01T10:00:00Z"),
                new ArtisanRegistered("a1", "NIA-a1", "MA-MAR", "MA-07", "B01-001", "B01", "2021-provisional-1",
                        Gender.F, new RegisteredQualification(QualificationRoute.EXPERIENCE, 12, null),
                        ArtisanCategory.MASTER_ARTISAN, sealed));
        ArtisanEvent card = new ArtisanEvent("a1", 1, 2, Instant.parse("2024-01-10T10:00:00Z"),
                new CardIssued("a1", "C-1", LocalDate.parse("2024-01-10"), LocalDate.parse("2029-01-09"), null));
        ArtisanEvent joined = new ArtisanEvent("a1", 2, 3, Instant.parse("2024-01-11T10:00:00Z"),
                new ArtisanJoinedProfessionalBody("a1", "body-1", "B01", LocalDate.parse("2024-01-11")));
        ArtisanEvent suspended = new ArtisanEvent("a1", 3, 4, Instant.parse("2025-01-11T10:00:00Z"),
                new ArtisanSuspended("a1", SealedText.recordedInClear("a1", "inquiry")));
        ArtisanState member = folding.foldAll(List.of(registered, card, joined)).orElseThrow();
        ArtisanState newcomer = folding.foldAll(List.of(registered)).orElseThrow();
        ArtisanState onHold = folding.foldAll(List.of(registered, card, joined, suspended)).orElseThrow();
        ArtisanState cooperative = new EligibilityFolding(folding).apply(null,
                new ArtisanEvent("c1", 0, 1, Instant.parse("2020-03-01T10:00:00Z"), new CooperativeRegistered("c1",
                        "NIA-c1", new LocalizedText("تعاونية", "Coopérative"), "MA-MAR", "MA-07",
                        List.of("B01-001", "B03-002"), List.of("B01", "B03"), "2021-provisional-1", Gender.M,
                        sealed))).orElseThrow();
        Map<String, EligibilityFacts> cases = new LinkedHashMap<>();
        cases.put("member", facts(ActorKind.ARTISAN, member, "2024-06-01", BORN));
        cases.put("newcomer", facts(ActorKind.ARTISAN, newcomer, "2021-06-01", null));
        cases.put("suspended", facts(ActorKind.ARTISAN, onHold, "2025-06-01", BORN));
        cases.put("cooperative", facts(ActorKind.COOPERATIVE, cooperative, "2024-06-01", null));
        cases.put("enterprise", facts(ActorKind.ENTERPRISE, newcomer, "2024-06-01", null));
        return cases;
    }

    private static EligibilityFacts facts(ActorKind kind, ArtisanState state, String day, LocalDate birthDate) {
        return EligibilityFacts.of(kind, state, LocalDate.parse(day), ZONE, birthDate);
    }
}
