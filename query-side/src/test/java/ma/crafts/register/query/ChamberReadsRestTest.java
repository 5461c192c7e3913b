package ma.crafts.register.query;

import static ma.crafts.register.values.SealedText.recordedInClear;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ma.crafts.register.eventstore.AppendReceipts;
import ma.crafts.register.events.artisan.ArtisanJoinedProfessionalBody;
import ma.crafts.register.events.artisan.ArtisanRegistered;
import ma.crafts.register.events.artisan.CardIssued;
import ma.crafts.register.events.artisan.CardReinstated;
import ma.crafts.register.events.artisan.CardRenewed;
import ma.crafts.register.events.artisan.CardSuspended;
import ma.crafts.register.events.body.ProfessionalBodyAffiliated;
import ma.crafts.register.events.body.ProfessionalBodyConstituted;
import ma.crafts.register.events.cooperative.CooperativeRegistered;
import ma.crafts.register.events.enterprise.EnterpriseRegistered;
import ma.crafts.register.platform.privacy.PersonalDataVault;
import ma.crafts.register.query.support.Callers;
import ma.crafts.register.query.support.HttpApi;
import ma.crafts.register.query.support.HttpApi.Response;
import ma.crafts.register.query.support.QueryRestContext;
import ma.crafts.register.values.ArtisanCategory;
import ma.crafts.register.values.BodyLevel;
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
 * The reads chambers need, over real HTTP with dev tokens, fed through the event store and the query side's tracking
 * processor: cooperatives, enterprises, professional bodies, a card with its history, and the lookup by CIN or NIA,
 * each for the roles and regions that may read it and refused (403, 404) to the others.
 */
@QueryRestContext
@TestPropertySource(properties = {
        "register.data-dir=target/chamber-reads-rest-test-data",
        "register.query.lookup-limit=6"
})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChamberReadsRestTest {

    private static final String NATIONAL = "body-b01-ma";
    private static final String REGIONAL = "body-b01-07";
    private static final String PROVINCIAL = "body-b01-mar";

    @LocalServerPort
    int port;
    @Autowired
    EventStore eventStore;
    @Autowired
    PersonalDataVault vault;

    private HttpApi api;
    private long lastPosition;
    private Callers as;

    @BeforeAll
    void seed() {
        api = new HttpApi(port);
        as = Callers.of(api);

        append("Body", NATIONAL, 0, body(NATIONAL, BodyLevel.NATIONAL, "MA", null));
        append("Body", REGIONAL, 0, body(REGIONAL, BodyLevel.REGIONAL, "MA-07", "MA-07"));
        append("Body", PROVINCIAL, 0, body(PROVINCIAL, BodyLevel.PROVINCIAL, "MA-MAR", "MA-07"));
        append("Body", PROVINCIAL, 1, new ProfessionalBodyAffiliated(PROVINCIAL, BodyLevel.PROVINCIAL, REGIONAL,
                BodyLevel.REGIONAL, "B01"));
        append("Body", REGIONAL, 1, new ProfessionalBodyAffiliated(REGIONAL, BodyLevel.REGIONAL, NATIONAL,
                BodyLevel.NATIONAL, "B01"));

        append("Artisan", "a-fatima", 0, artisan("a-fatima", "MA-MAR", "MA-07", "EE123456"));
        append("Artisan", "a-fatima", 1, new CardIssued("a-fatima", "MA07-C-0001", LocalDate.parse("2024-06-01"),
                LocalDate.parse("2094-05-31"), null));
        append("Artisan", "a-fatima", 2, new CardSuspended("a-fatima", "MA07-C-0001", recordedInClear("a-fatima", "misuse under inquiry")));
        append("Artisan", "a-fatima", 3, new CardReinstated("a-fatima", "MA07-C-0001", recordedInClear("a-fatima", "inquiry closed")));
        append("Artisan", "a-fatima", 4, new CardRenewed("a-fatima", "MA07-C-0001", LocalDate.parse("2094-05-31"),
                LocalDate.parse("2099-05-31"), null));
        append("Artisan", "a-fatima", 5, new ArtisanJoinedProfessionalBody("a-fatima", PROVINCIAL, "B01",
                LocalDate.parse("2024-07-01")));
        for (int i = 0; i < 4; i++) {
            String id = "a-potter-" + i;
            append("Artisan", id, 0, artisan(id, "MA-MAR", "MA-07", "PT10" + i));
            append("Artisan", id, 1, new ArtisanJoinedProfessionalBody(id, PROVINCIAL, "B01",
                    LocalDate.parse("2024-08-01")));
        }
        append("Artisan", "a-youssef", 0, artisan("a-youssef", "MA-RAB", "MA-04", "AB12345"));
        append("Artisan", "a-youssef", 1, new CardIssued("a-youssef", "MA04-C-0002", LocalDate.parse("2024-06-01"),
                LocalDate.parse("2094-05-31"), null));

        append("Cooperative", "c-argan", 0, new CooperativeRegistered("c-argan", "NIA-c-argan",
                new LocalizedText("تعاونية الأركان", "Coopérative de l'arganier"), "MA-ESI", "MA-07",
                List.of("B03-002"), List.of("B03"), "2021-provisional-1", Gender.F,
                vault.seal("c-argan", person("JK2222"))));
        append("Enterprise", "e-caftan", 0, new EnterpriseRegistered("e-caftan", "NIA-e-caftan",
                new LocalizedText("قفاطين", "Caftans"), "MA-MAR", "MA-07", List.of("B01-001"), List.of("B01"),
                "2021-provisional-1", "a-fatima", Gender.M, vault.seal("e-caftan", person("EE777777"))));
    }

    @Test
    void aCooperativeIsReadInFullByItsRegionsClerkMaskedByAnalystsAndNotByOthers() {
        Response clerk = api.get("/api/v1/cooperatives/c-argan?minPosition=" + lastPosition, as.clerk07());
        assertThat(clerk.status()).isEqualTo(200);
        JsonNode body = clerk.body();
        assertThat(body.get("cooperativeId").asText()).isEqualTo("c-argan");
        assertThat(body.get("name").get("ar").asText()).isEqualTo("تعاونية الأركان");
        assertThat(body.get("representative").get("cin").asText()).isEqualTo("JK2222");
        assertThat(body.get("representative").get("address").asText()).isEqualTo("Derb 12, مراكش");

        JsonNode masked = api.get("/api/v1/cooperatives/c-argan", as.analyst()).body();
        assertThat(masked.get("representative").get("firstName").get("fr").asText()).isEqualTo("F.");
        assertThat(masked.get("representative").has("cin")).isFalse();
        assertThat(masked.toString()).doesNotContain("JK2222").doesNotContain("Fatima");

        assertThat(api.get("/api/v1/cooperatives/c-argan", as.clerk04()).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/cooperatives/c-argan", as.admin()).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/cooperatives/c-argan", null).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/cooperatives/c-unknown", as.auditor()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/cooperatives/c-argan?minPosition=-1", as.auditor()).status()).isEqualTo(400);
    }

    @Test
    void anEnterpriseIsReadByItsRegion() {
        Response clerk = api.get("/api/v1/enterprises/e-caftan?minPosition=" + lastPosition, as.clerk07());
        assertThat(clerk.status()).isEqualTo(200);
        assertThat(clerk.body().get("supervisingArtisanId").asText()).isEqualTo("a-fatima");
        assertThat(clerk.body().get("compliant").asBoolean()).isTrue();
        assertThat(clerk.body().get("representative").get("cin").asText()).isEqualTo("EE777777");
        assertThat(api.get("/api/v1/enterprises/e-caftan", as.clerk04()).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/enterprises/e-caftan", as.auditor()).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/enterprises/c-argan", as.auditor()).status()).isEqualTo(404);
    }

    @Test
    void aBodyShowsItsPlaceInTheHierarchyAndPagesItsMembers() {
        Response provincial = api.get("/api/v1/professional-bodies/" + PROVINCIAL + "?size=2&page=1&minPosition="
                + lastPosition, as.clerk07());
        assertThat(provincial.status()).isEqualTo(200);
        JsonNode body = provincial.body();
        assertThat(body.get("level").asText()).isEqualTo("PROVINCIAL");
        assertThat(body.get("parentBodyId").asText()).isEqualTo(REGIONAL);
        assertThat(body.get("members").get("total").asLong()).isEqualTo(5);
        assertThat(body.get("members").get("page").asInt()).isEqualTo(1);
        List<String> members = new ArrayList<>();
        body.get("members").get("items").forEach(m -> members.add(m.get("artisanId").asText()));
        assertThat(members).containsExactly("a-potter-1", "a-potter-2");

        JsonNode regional = api.get("/api/v1/professional-bodies/" + REGIONAL, as.admin()).body();
        assertThat(regional.get("childBodyIds").get(0).asText()).isEqualTo(PROVINCIAL);
        assertThat(regional.get("parentBodyId").asText()).isEqualTo(NATIONAL);
        assertThat(api.get("/api/v1/professional-bodies/" + NATIONAL, as.analyst()).status()).isEqualTo(200);

        // Clerks are limited to their own region (403), and an unknown body is refused alike, so that the answer does
        // not tell another region's body exists; other roles learn that it is unknown.
        assertThat(api.get("/api/v1/professional-bodies/" + PROVINCIAL, as.clerk04()).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/professional-bodies/" + NATIONAL, as.clerk07()).status())
                .as("a national body is no region's").isEqualTo(403);
        Response unknownToClerk = api.get("/api/v1/professional-bodies/body-unknown", as.clerk04());
        assertThat(unknownToClerk.status()).isEqualTo(403);
        assertThat(unknownToClerk.body().get("detail"))
                .isEqualTo(api.get("/api/v1/professional-bodies/" + PROVINCIAL, as.clerk04()).body().get("detail"));
        assertThat(api.get("/api/v1/professional-bodies/body-unknown", as.clerk07()).status())
                .as("not even to a clerk of the region it would be in").isEqualTo(403);
        assertThat(api.get("/api/v1/professional-bodies/body-unknown", as.admin()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/professional-bodies/body-unknown", as.analyst()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/professional-bodies/" + PROVINCIAL + "?size=0",
                as.admin()).status()).isEqualTo(400);
    }

    @Test
    void theBodyOfABranchAndTerritoryIsListed() {
        Response found = api.get("/api/v1/professional-bodies?branchCode=B01&territoryCode=MA-MAR&minPosition="
                + lastPosition, as.clerk07());
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.body().get("total").asLong()).isEqualTo(1);
        assertThat(found.body().get("items").get(0).get("bodyId").asText()).isEqualTo(PROVINCIAL);
        assertThat(found.body().get("items").get(0).get("memberCount").asLong()).isEqualTo(5);

        assertThat(api.get("/api/v1/professional-bodies?branchCode=B02&territoryCode=MA-MAR", as.admin()).body()
                .get("items")).isEmpty();
        assertThat(api.get("/api/v1/professional-bodies?branchCode=B01&territoryCode=MA-MAR", as.clerk04()).status())
                .isEqualTo(403);
        assertThat(api.get("/api/v1/professional-bodies?branchCode=B02&territoryCode=MA-MAR", as.clerk04()).status())
                .as("another region's territory, whether a body is constituted there or not").isEqualTo(403);
        Response missing = api.get("/api/v1/professional-bodies", as.admin());
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body().get("errors")).hasSize(2);
    }

    @Test
    void aCardShowsItsWholeStatusHistoryToItsHoldersRegion() {
        Response clerk = api.get("/api/v1/cards/MA07-C-0001?minPosition=" + lastPosition, as.clerk07());
        assertThat(clerk.status()).isEqualTo(200);
        JsonNode card = clerk.body();
        assertThat(card.get("artisanId").asText()).isEqualTo("a-fatima");
        assertThat(card.get("status").asText()).isEqualTo("VALID");
        assertThat(card.get("valid").asBoolean()).isTrue();
        assertThat(card.get("validUntil").asText()).isEqualTo("2099-05-31");
        List<String> history = new ArrayList<>();
        card.get("statusHistory").forEach(h -> history.add(h.get("event").asText() + ":" + h.get("status").asText()));
        assertThat(history).containsExactly("CardIssued:VALID", "CardSuspended:SUSPENDED", "CardReinstated:VALID",
                "CardRenewed:VALID");
        assertThat(card.get("statusHistory").get(1).get("reason").asText()).isEqualTo("misuse under inquiry");
        assertThat(card.get("statusHistory").get(3).get("validUntil").asText()).isEqualTo("2099-05-31");

        assertThat(api.get("/api/v1/cards/MA07-C-0001", as.analyst()).body().get("statusHistory").get(1).get("reason")
                .asText()).isEqualTo("***");
        assertThat(api.get("/api/v1/cards/MA07-C-0001", as.clerk04()).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/cards/MA07-C-0001", as.admin()).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/cards/MA07-C-0001", null).status()).as("authenticated, unlike the check")
                .isEqualTo(401);
        assertThat(api.get("/api/v1/cards/MA04-C-0002", as.clerk04()).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/cards/MA07-C-9999", as.auditor()).status()).isEqualTo(404);
    }

    @Test
    void aLookupAnswersTheRegionsClerksAndAuditorsAndDoesNotConfirmOtherCins() {
        api.get("/api/v1/artisans/a-fatima?minPosition=" + lastPosition, as.auditor());
        Response byCin = api.get("/api/v1/artisans/lookup?cin=EE123456", as.clerk07());
        assertThat(byCin.status()).isEqualTo(200);
        assertThat(byCin.body().get("artisanId").asText()).isEqualTo("a-fatima");
        assertThat(api.get("/api/v1/artisans/lookup?nia=NIA-a-youssef", as.auditor()).body().get("artisanId").asText())
                .isEqualTo("a-youssef");

        Response otherRegion = api.get("/api/v1/artisans/lookup?cin=AB12345", as.clerk07());
        Response unknown = api.get("/api/v1/artisans/lookup?cin=ZZ999999", as.clerk07());
        assertThat(otherRegion.status()).isEqualTo(404);
        assertThat(otherRegion.text()).isEqualTo(unknown.text()).doesNotContain("AB12345");
        assertThat(api.get("/api/v1/artisans/lookup?cin=EE123456", as.analyst()).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/artisans/lookup", as.auditor()).status()).isEqualTo(400);
    }

    @Test
    void lookupsAreLimitedPerCaller() {
        String eager = api.token("clerk-07-eager", List.of("CHAMBER_CLERK"), "MA-07");
        for (int i = 0; i < 6; i++) {
            assertThat(api.get("/api/v1/artisans/lookup?nia=NIA-a-fatima", eager).status()).isIn(200, 404);
        }
        Response limited = api.get("/api/v1/artisans/lookup?nia=NIA-a-fatima", eager);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isEqualTo("60");
        assertThat(limited.contentType()).startsWith("application/problem+json");
    }

    @Test
    void theOpenApiDocumentNamesTheNewReads() {
        JsonNode paths = api.get("/v3/api-docs", null).body().get("paths");
        for (String path : List.of("/api/v1/cooperatives/{id}", "/api/v1/enterprises/{id}",
                "/api/v1/professional-bodies/{id}", "/api/v1/professional-bodies", "/api/v1/cards/{cardNumber}",
                "/api/v1/artisans/lookup")) {
            assertThat(paths.path(path).has("get")).as(path).isTrue();
        }
    }

    private ProfessionalBodyConstituted body(String bodyId, BodyLevel level, String territory, String region) {
        return new ProfessionalBodyConstituted(bodyId, level, "B01", territory, region,
                new LocalizedText("هيئة", "Chambre " + bodyId));
    }

    private ArtisanRegistered artisan(String id, String province, String region, String cin) {
        return new ArtisanRegistered(id, "NIA-" + id, province, region, "B01-001", "B01", "2021-provisional-1",
                Gender.F, new RegisteredQualification(QualificationRoute.EXPERIENCE, 12, null), ArtisanCategory.MASTER_ARTISAN,
                vault.seal(id, person(cin)));
    }

    private static PersonalData person(String cin) {
        return new PersonalData(cin, new LocalizedText("فاطمة", "Fatima"), new LocalizedText("الزهراء", "Zahra"),
                LocalDate.parse("1984-03-02"), "+212612345678", "Derb 12, مراكش");
    }

    private void append(String type, String aggregateId, long sequence, Object payload) {
        eventStore.publish(new GenericDomainEventMessage<>(type, aggregateId, sequence, payload,
                Map.of("recordedBy", "clerk-07", "chamber", "MA-07"), UUID.randomUUID().toString(), Instant.now()));
        lastPosition = AppendReceipts.lastOnThisThread().orElseThrow().lastPosition();
    }
}
