package ma.crafts.register.query.eligibility;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ma.crafts.register.eventstore.AppendReceipts;
import ma.crafts.register.events.artisan.ArtisanRegistered;
import ma.crafts.register.events.cooperative.CooperativeRegistered;
import ma.crafts.register.events.enterprise.EnterpriseRegistered;
import ma.crafts.register.events.programme.ConditionType;
import ma.crafts.register.events.programme.EligibilityRule;
import ma.crafts.register.events.programme.ProgrammeDefined;
import ma.crafts.register.events.programme.ProgrammeRevised;
import ma.crafts.register.events.programme.ProgrammeTerms;
import ma.crafts.register.platform.privacy.PersonalDataVault;
import ma.crafts.register.query.support.Callers;
import ma.crafts.register.query.support.HttpApi;
import ma.crafts.register.query.support.HttpApi.Response;
import ma.crafts.register.query.support.QueryRestContext;
import ma.crafts.register.values.ArtisanCategory;
import ma.crafts.register.values.Gender;
import ma.crafts.register.values.LocalizedText;
import ma.crafts.register.values.PersonalData;
import ma.crafts.register.values.QualificationRoute;
import ma.crafts.register.values.RegisteredQualification;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * A cooperative's and an enterprise's verdicts over real HTTP, fed through the event store: now from the model, at an
 * instant by the version in force then, listed and counted with the artisans, and read by the readers of their view.
 * FAIR is open to artisans only until its second version opens it to cooperatives from 1 June 2025.
 */
@QueryRestContext
@TestPropertySource(properties = {
        "register.data-dir=target/organisation-eligibility-rest-test-data",
        "register.query.eligibility.check-interval=200ms"
})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrganisationEligibilityRestTest {

    private static final String FAIR = "FAIR";

    @LocalServerPort
    int port;
    @Autowired
    EventStore eventStore;
    @Autowired
    PersonalDataVault vault;

    private HttpApi api;
    private Callers as;
    private long lastPosition;

    @BeforeAll
    void seed() {
        api = new HttpApi(port);
        as = Callers.of(api);
        Instant defined = Instant.parse("2024-01-01T00:00:00Z");
        ProgrammeTerms artisansOnly = terms(rule("active", ConditionType.STATUS_IS, "ACTIVE"),
                rule("kinds", ConditionType.ACTOR_KIND_IN, "ARTISAN"));
        publish("Programme", FAIR, 0, "2024-01-01T00:00:00Z", new ProgrammeDefined(FAIR, defined, artisansOnly,
                "seed"));
        publish("Programme", "ONCF", 0, "2024-01-01T00:00:00Z", new ProgrammeDefined("ONCF", defined,
                terms(rule("card", ConditionType.HAS_VALID_CARD)), "seed"));
        publish("Artisan", "a-fatima", 0, "2024-01-02T09:00:00Z", new ArtisanRegistered("a-fatima", "NIA-a-fatima",
                "MA-MAR", "MA-07", "B01-001", "B01", "2021-provisional-1", Gender.F,
                new RegisteredQualification(QualificationRoute.EXPERIENCE, 12, null), ArtisanCategory.MASTER_ARTISAN,
                vault.seal("a-fatima", person("EE123456"))));
        publish("Cooperative", "c-argan", 0, "2024-01-05T09:00:00Z", new CooperativeRegistered("c-argan",
                "NIA-c-argan", new LocalizedText("تعاونية الأركان", "Coopérative de l'arganier"), "MA-ESI", "MA-07",
                List.of("B03-002"), List.of("B03"), "2021-provisional-1", Gender.F,
                vault.seal("c-argan", person("JK2222"))));
        publish("Enterprise", "e-caftan", 0, "2024-02-01T09:00:00Z", new EnterpriseRegistered("e-caftan",
                "NIA-e-caftan", new LocalizedText("قفاطين", "Caftans"), "MA-MAR", "MA-07", List.of("B01-001"),
                List.of("B01"), "2021-provisional-1", "a-fatima", Gender.M,
                vault.seal("e-caftan", person("EE777777"))));
        publish("Programme", FAIR, 1, "2025-05-20T10:00:00Z", new ProgrammeRevised(FAIR, 2,
                Instant.parse("2025-06-01T00:00:00Z"), terms(rule("active", ConditionType.STATUS_IS, "ACTIVE"),
                rule("kinds", ConditionType.ACTOR_KIND_IN, "ARTISAN", "COOPERATIVE")), "cooperatives too"));
    }

    @Test
    void aCooperativeIsJudgedNowByTheServedVersionAndAsOfByTheVersionInForceThen() throws InterruptedException {
        awaitServedRevision();
        JsonNode now = eligibility("cooperatives", "c-argan", "?minPosition=" + lastPosition, as.analyst());
        JsonNode fair = programme(now, FAIR);
        assertThat(fair.get("programVersion").asInt()).isEqualTo(2);
        assertThat(fair.get("effectiveFrom").asText()).isEqualTo("2025-06-01T00:00:00Z");
        assertThat(fair.get("eligible").asBoolean()).isTrue();
        JsonNode card = programme(now, "ONCF").get("reasons").get(0);
        assertThat(card.get("satisfied").asBoolean()).isFalse();
        assertThat(card.get("detail").get("fr").asText()).contains("ne s'applique pas à une coopérative");
        assertThat(card.get("detail").get("ar").asText()).contains("لا ينطبق على تعاونية");

        JsonNode before = programme(eligibility("cooperatives", "c-argan", "?asOf=2025-04-01T12:00:00Z",
                as.auditor()), FAIR);
        assertThat(before.get("programVersion").asInt()).isEqualTo(1);
        assertThat(before.get("eligible").asBoolean()).isFalse();
        assertThat(before.get("reasons").get(1).get("detail").get("fr").asText())
                .isEqualTo("programme non ouvert aux coopératives ; ouvert à : ARTISAN");

        assertThat(api.get("/api/v1/cooperatives/c-argan/eligibility?asOf=2024-01-04T00:00:00Z", as.analyst())
                .status()).as("before its registration").isEqualTo(404);
    }

    @Test
    void anEnterpriseIsToldAProgrammeIsNotOpenToIt() throws InterruptedException {
        awaitServedRevision();
        JsonNode fair = programme(eligibility("enterprises", "e-caftan", "?minPosition=" + lastPosition,
                as.clerk07()), FAIR);
        assertThat(fair.get("eligible").asBoolean()).isFalse();
        assertThat(fair.get("reasons").get(0).get("satisfied").asBoolean()).isTrue();
        assertThat(fair.get("reasons").get(1).get("detail").get("fr").asText())
                .isEqualTo("programme non ouvert aux entreprises ; ouvert à : ARTISAN ou COOPERATIVE");
        assertThat(fair.get("reasons").get(1).get("detail").get("ar").asText()).contains("للمقاولات");
    }

    @Test
    void readersAreThoseOfTheViewAndAnIdOfAnotherKindIsUnknown() {
        String cooperative = "/api/v1/cooperatives/c-argan/eligibility?minPosition=" + lastPosition;
        assertThat(api.get(cooperative, as.clerk07()).status()).isEqualTo(200);
        assertThat(api.get(cooperative, as.clerk04()).status()).isEqualTo(403);
        assertThat(api.get(cooperative, as.admin()).status()).isEqualTo(403);
        assertThat(api.get(cooperative, null).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/cooperatives/a-fatima/eligibility", as.analyst()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/enterprises/c-argan/eligibility", as.analyst()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/enterprises/nobody/eligibility", as.analyst()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/enterprises/e-caftan/eligibility?asOf=yesterday", as.analyst()).status())
                .isEqualTo(400);
    }

    @Test
    void theEligibleListsAndCountsHoldEveryKindOnceTheRevisionIsServed() throws InterruptedException {
        JsonNode count = awaitServedRevision();
        assertThat(count.get("total").asLong()).isEqualTo(2);
        assertThat(count.get("groups")).hasSize(1);

        JsonNode page = api.get("/api/v1/programmes/FAIR/eligible?regionCode=MA-07", as.clerk07()).body();
        assertThat(page.get("items")).extracting(item -> item.get("actorId").asText() + ":"
                + item.get("actorKind").asText()).containsExactly("a-fatima:ARTISAN", "c-argan:COOPERATIVE");
        assertThat(page.get("items").get(1).get("nia").asText()).isEqualTo("NIA-c-argan");
    }

    /** FAIR's counts once its revision is served: a pass judges every actor by it after the events are applied. */
    private JsonNode awaitServedRevision() throws InterruptedException {
        assertThat(eligibility("cooperatives", "c-argan", "?minPosition=" + lastPosition, as.analyst())).isNotEmpty();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        JsonNode count = api.get("/api/v1/programmes/FAIR/eligible/count?groupBy=regionCode", as.analyst()).body();
        while (count.path("programVersion").asInt() != 2 && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            count = api.get("/api/v1/programmes/FAIR/eligible/count?groupBy=regionCode", as.analyst()).body();
        }
        assertThat(count.get("programVersion").asInt()).isEqualTo(2);
        return count;
    }

    private JsonNode eligibility(String kind, String id, String query, String token) {
        Response response = api.get("/api/v1/" + kind + "/" + id + "/eligibility" + query, token);
        assertThat(response.status()).isEqualTo(200);
        return response.body();
    }

    private static JsonNode programme(JsonNode verdicts, String programId) {
        for (JsonNode verdict : verdicts) {
            if (verdict.get("programId").asText().equals(programId)) {
                return verdict;
            }
        }
        throw new AssertionError("no verdict for " + programId + " in " + verdicts);
    }

    private static ProgrammeTerms terms(EligibilityRule... rules) {
        return new ProgrammeTerms("Maison de l'Artisan", new LocalizedText("معرض", "Salon"), false, null,
                List.of(rules));
    }

    private static EligibilityRule rule(String name, ConditionType type, String... values) {
        return new EligibilityRule(name, type, List.of(values), null, null, null, null, false, null);
    }

    private static PersonalData person(String cin) {
        return new PersonalData(cin, new LocalizedText("فاطمة", "Fatima"), new LocalizedText("الزهراء", "Zahra"),
                LocalDate.parse("1984-03-02"), "+212612345678", "Derb 12, مراكش");
    }

    private void publish(String type, String id, long sequence, String at, Object payload) {
        eventStore.publish(new GenericDomainEventMessage<>(type, id, sequence, payload,
                Map.of("recordedBy", "clerk-07", "chamber", "MA-07"), UUID.randomUUID().toString(),
                Instant.parse(at)));
        lastPosition = AppendReceipts.lastOnThisThread().orElseThrow().lastPosition();
    }
}
