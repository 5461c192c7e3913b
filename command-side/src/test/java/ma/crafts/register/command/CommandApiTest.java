package ma.crafts.register.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import ma.crafts.register.command.artisan.CardNumber;
import ma.crafts.register.command.artisan.Nia;
import ma.crafts.register.command.body.ProfessionalBodyId;
import ma.crafts.register.command.numbering.IssuedNumbers;
import ma.crafts.register.command.support.CommandHttp;
import ma.crafts.register.command.support.CommandHttp.Response;
import ma.crafts.register.command.support.Requests;
import ma.crafts.register.events.artisan.ArtisanRegistered;
import ma.crafts.register.platform.privacy.PersonalDataVault;
import ma.crafts.register.values.PersonalData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The command REST API end to end: HTTP, security, Axon, the Mongo event store and the command side's collections. */
@SpringBootTest(classes = CommandSideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "register.snapshots.threshold=5")
class CommandApiTest {
    @LocalServerPort
    int port;
    @Autowired
    EventStorageEngine storageEngine;
    @Autowired
    EventStore eventStore;
    @Autowired
    PersonalDataVault vault;
    @Autowired
    MongoDatabase database;
    @Autowired
    IssuedNumbers issuedNumbers;

    private CommandHttp http;
    private String clerk07;

    @BeforeEach
    void tokens() {
        http = new CommandHttp(port);
        clerk07 = http.token("clerk-marrakech", "CHAMBER_CLERK", "MA-07");
    }

    // --- happy path -------------------------------------------------------------------------------------------

    @Test
    void registerIssueCardConstituteBodyAndJoin() throws Exception {
        String cin = uniqueCin();
        Response registered = http.post("/api/v1/artisans", clerk07, registration(cin, "MA-MAR", "B08-001", 12));
        assertThat(registered.status()).as(registered.body().toString()).isEqualTo(201);
        String artisanId = registered.body().get("artisanId").asText();
        assertThat(registered.location()).isEqualTo("/api/v1/artisans/" + artisanId);
        assertThat(registered.body().get("status").asText()).isEqualTo("ACTIVE");
        assertThat(registered.body().get("version").asLong()).isZero();
        assertThat(registered.body().get("position").isIntegralNumber()).isTrue();
        Nia nia = Nia.parse(registered.body().get("nia").asText());
        assertThat(nia).isNotNull();
        assertThat(nia.regionCode()).isEqualTo("MA-07");
        assertThat(issuedNumbers.holderOf(IssuedNumbers.Kind.NIA, nia.value())).contains(artisanId);

        Response card = http.post("/api/v1/artisans/" + artisanId + "/cards", clerk07, null);
        assertThat(card.status()).as(card.body().toString()).isEqualTo(201);
        String cardNumber = card.body().get("cardNumber").asText();
        assertThat(CardNumber.parse(cardNumber)).isNotNull().extracting(CardNumber::regionCode).isEqualTo("MA-07");
        LocalDate validFrom = LocalDate.parse(card.body().get("validFrom").asText());
        assertThat(LocalDate.parse(card.body().get("validUntil").asText())).isEqualTo(validFrom.plusYears(5).minusDays(1));
        assertThat(card.body().get("version").asLong()).isEqualTo(1);
        assertThat(card.body().get("position").asLong()).isGreaterThan(registered.body().get("position").asLong());
        assertThat(issuedNumbers.holderOf(IssuedNumbers.Kind.CARD, cardNumber)).contains(artisanId);

        String admin = http.token("admin", "REGISTRY_ADMIN", null);
        Response body = http.post("/api/v1/professional-bodies", admin, body("PROVINCIAL", "B08", "MA-MAR"));
        assertThat(body.status()).as(body.body().toString()).isIn(201, 409);
        String bodyId = ProfessionalBodyId.of("B08", "MA-MAR");
        if (body.status() == 201) {
            assertThat(body.body().get("bodyId").asText()).isEqualTo(bodyId);
            assertThat(body.body().get("version").asLong()).isZero();
        }

        Response joined = http.post("/api/v1/artisans/" + artisanId + "/memberships", clerk07, Map.of("bodyId", bodyId));
        assertThat(joined.status()).as(joined.body().toString()).isEqualTo(201);
        assertThat(joined.body().get("version").asLong()).isEqualTo(2);
        assertThat(joined.body().get("branchCode").asText()).isEqualTo("B08");

        List<? extends DomainEventMessage<?>> events = eventStore.readEvents(artisanId).asStream().toList();
        assertThat(events).hasSize(3);
        assertThat(events).allSatisfy(e -> {
            assertThat(e.getMetaData()).containsEntry("recordedBy", "clerk-marrakech").containsEntry("chamber", "MA-07");
            assertThat(e.getMetaData()).containsKeys("correlationId", "traceId");
        });
        assertThat(((ArtisanRegistered) events.get(0).getPayload()).nomenclatureVersion()).isEqualTo("2021-provisional-1");
    }

    @Test
    void bodiesAreTheRegistryAdministratorsAndOnePerBranchAndTerritory() throws Exception {
        String clerk11 = http.token("clerk-laayoune", "CHAMBER_CLERK", "MA-11");
        String admin = http.token("admin", "REGISTRY_ADMIN", null);
        Map<String, Object> semara = body("PROVINCIAL", "B06", "MA-ESM");
        long before = eventCount();
        assertThat(http.post("/api/v1/professional-bodies", clerk11, semara).type())
                .as("even a clerk of the body's own region").isEqualTo("/problems/forbidden");
        assertThat(http.post("/api/v1/professional-bodies", clerk07, semara).status()).isEqualTo(403);
        String auditor = http.token("auditor", "AUDITOR", null);
        assertThat(http.post("/api/v1/professional-bodies", auditor, semara).status()).isEqualTo(403);
        assertThat(http.post("/api/v1/professional-bodies", admin, body("REGIONAL", "B06", "MA-ESM")).type())
                .isEqualTo("/problems/validation");
        assertThat(eventCount()).isEqualTo(before);

        Response first = http.post("/api/v1/professional-bodies", admin, semara);
        assertThat(first.status()).as(first.body().toString()).isEqualTo(201);
        Response second = http.post("/api/v1/professional-bodies", admin, semara);
        assertThat(second.type()).isEqualTo("/problems/rule-violation");
        assertThat(second.body().get("rule").asText()).isEqualTo("one-body-per-branch-and-territory");
        assertThat(eventCount()).isEqualTo(before + 1);
    }

    // --- concurrency ------------------------------------------------------------------------------------------

    @Test
    void fiftyConcurrentRegistrationsOfOneCinGiveOneCreatedAndFortyNineDuplicates() throws Exception {
        String cin = uniqueCin();
        long before = eventCount();
        AtomicInteger created = new AtomicInteger();
        Callable<Response> register = () -> http.post("/api/v1/artisans", clerk07,
                registration(cin.toLowerCase(), "MA-SAF", "B01-004", 6));
        List<Response> responses = CommandHttp.concurrently(Collections.nCopies(50, register));
        for (Response r : responses) {
            if (r.status() == 201) {
                created.incrementAndGet();
            } else {
                assertThat(r.status()).as(r.body().toString()).isEqualTo(409);
                assertThat(r.type()).isEqualTo("/problems/duplicate-cin");
                assertThat(r.contentType()).startsWith("application/problem+json");
            }
        }
        assertThat(created).hasValue(1);
        assertThat(eventCount()).isEqualTo(before + 1);
    }

    @Test
    void anInvalidRequestIs400EvenWhenItsCinIsTaken() throws Exception {
        String cin = uniqueCin();
        assertThat(http.post("/api/v1/artisans", clerk07, registration(cin, "MA-SAF", "B01-004", 6)).status())
                .isEqualTo(201);
        long before = eventCount();

        Response unknownActivity = http.post("/api/v1/artisans", clerk07, registration(cin, "MA-SAF", "Z99-999", 6));
        assertThat(unknownActivity.status()).as(unknownActivity.body().toString()).isEqualTo(400);
        assertThat(unknownActivity.body().toString()).contains("activityCode");
        Response tooFewYears = http.post("/api/v1/artisans", clerk07, registration(cin, "MA-SAF", "B01-004", 1));
        assertThat(tooFewYears.status()).as(tooFewYears.body().toString()).isEqualTo(400);
        assertThat(tooFewYears.body().toString()).contains("qualification");
        assertThat(http.post("/api/v1/artisans", clerk07, registration(cin, "MA-SAF", "B01-004", 6)).type())
                .isEqualTo("/problems/duplicate-cin");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void concurrentRegistrationsGetDistinctGapFreeNias() throws Exception {
        String clerk03 = http.token("clerk-fes", "CHAMBER_CLERK", "MA-03");
        Callable<Response> register = () -> http.post("/api/v1/artisans", clerk03,
                registration(uniqueCin(), "MA-FES", "B03-001", 4));
        List<Response> responses = CommandHttp.concurrently(Collections.nCopies(12, register));
        List<Long> numbers = new ArrayList<>();
        for (Response r : responses) {
            assertThat(r.status()).as(r.body().toString()).isEqualTo(201);
            numbers.add(Nia.parse(r.body().get("nia").asText()).number());
        }
        numbers.sort(Long::compare);
        long first = numbers.get(0);
        for (int i = 0; i < numbers.size(); i++) {
            assertThat(numbers.get(i)).isEqualTo(first + i);
        }
    }

    // --- rejections store nothing -----------------------------------------------------------------------------

    @Test
    void rejectedRegistrationsStoreNothingAndGiveTheirNumbersBack() throws Exception {
        String cin = uniqueCin();
        long before = eventCount();
        Response badCin = http.post("/api/v1/artisans", clerk07, registration("12345678", "MA-MAR", "B08-001", 5));
        assertThat(badCin.status()).isEqualTo(400);
        assertThat(badCin.body().get("errors").get(0).get("field").asText()).isEqualTo("cin");
        assertThat(http.post("/api/v1/artisans", clerk07, registration(cin, "MA-XXX", "B08-001", 5)).type())
                .isEqualTo("/problems/validation");
        Map<String, Object> latinArabicName = registration(cin, "MA-MAR", "B08-001", 5);
        latinArabicName.put("firstName", Map.of("ar", "Fatima", "fr", "Fatima"));
        assertThat(http.post("/api/v1/artisans", clerk07, latinArabicName).type()).isEqualTo("/problems/validation");
        assertThat(http.post("/api/v1/artisans", clerk07, registration(cin, "MA-MAR", "B08-001", 2)).status())
                .isEqualTo(400);
        Map<String, Object> noGender = registration(cin, "MA-MAR", "B08-001", 5);
        noGender.put("gender", "X");
        Response badGender = http.post("/api/v1/artisans", clerk07, noGender);
        assertThat(badGender.status()).isEqualTo(400);
        assertThat(badGender.body().get("errors").get(0).get("field").asText()).isEqualTo("gender");
        assertThat(http.post("/api/v1/artisans", http.token("auditor", "AUDITOR", null), registration(cin, "MA-MAR", "B08-001", 5)).status())
                .isEqualTo(403);
        assertThat(http.post("/api/v1/artisans", http.token("analyst", "MINISTRY_ANALYST", null), registration(cin, "MA-MAR", "B08-001", 5))
                .status()).isEqualTo(403);
        assertThat(http.post("/api/v1/artisans", http.token("clerk-casa", "CHAMBER_CLERK", "MA-06"),
                registration(cin, "MA-MAR", "B08-001", 5)).type()).isEqualTo("/problems/forbidden");
        assertThat(http.post("/api/v1/artisans", null, registration(cin, "MA-MAR", "B08-001", 5)).status())
                .isEqualTo(401);

        // Rejected by the aggregate itself, after the CIN was reserved and a NIA allocated: both must come back.
        String clerk08 = http.token("clerk-errachidia", "CHAMBER_CLERK", "MA-08");
        Response unknownActivity = http.post("/api/v1/artisans", clerk08, registration(cin, "MA-ERR", "B99-999", 5));
        assertThat(unknownActivity.status()).isEqualTo(400);
        assertThat(unknownActivity.body().get("errors").get(0).get("field").asText()).isEqualTo("activityCode");
        assertThat(eventCount()).isEqualTo(before);

        Response ok = http.post("/api/v1/artisans", clerk08, registration(cin, "MA-ERR", "B07-004", 5));
        assertThat(ok.status()).as(ok.body().toString()).isEqualTo(201);
        Response next = http.post("/api/v1/artisans", clerk08, registration(uniqueCin(), "MA-ERR", "B07-004", 5));
        assertThat(Nia.parse(next.body().get("nia").asText()).number())
                .isEqualTo(Nia.parse(ok.body().get("nia").asText()).number() + 1);
        assertThat(eventCount()).isEqualTo(before + 2);
    }

    @Test
    void rejectedCardAndMembershipCommandsStoreNothing() throws Exception {
        String artisanId = register(clerk07, "MA-MAR", "B10-001");
        long before = eventCount();
        String clerk06 = http.token("clerk-casa", "CHAMBER_CLERK", "MA-06");
        assertThat(http.post("/api/v1/artisans/" + artisanId + "/cards", clerk06, null).type()).isEqualTo("/problems/forbidden");
        assertThat(http.post("/api/v1/artisans/" + artisanId + "/cards", http.token("auditor", "AUDITOR", null), null).status())
                .isEqualTo(403);
        assertThat(http.post("/api/v1/artisans/" + UUID.randomUUID() + "/cards", clerk07, null).type()).isEqualTo("/problems/not-found");
        assertThat(eventCount()).isEqualTo(before);

        Response first = http.post("/api/v1/artisans/" + artisanId + "/cards", clerk07, null);
        assertThat(first.status()).isEqualTo(201);
        Response second = http.post("/api/v1/artisans/" + artisanId + "/cards", clerk07, null);
        assertThat(second.type()).isEqualTo("/problems/rule-violation");
        assertThat(second.body().get("rule").asText()).isEqualTo("one-valid-card");
        // The refused card's number went back to the pool: the next card of the region takes it.
        CardNumber issued = CardNumber.parse(first.body().get("cardNumber").asText());
        Response other = http.post("/api/v1/artisans/" + register(clerk07, "MA-SAF", "B10-002") + "/cards", clerk07, null);
        assertThat(CardNumber.parse(other.body().get("cardNumber").asText()).number()).isEqualTo(issued.number() + 1);

        long afterCards = eventCount();
        String admin = http.token("admin", "REGISTRY_ADMIN", null);
        String regional = ProfessionalBodyId.of("B10", "MA-07");
        Response regionalBody = http.post("/api/v1/professional-bodies", admin, body("REGIONAL", "B10", "MA-07"));
        assertThat(regionalBody.status()).isIn(201, 409);
        afterCards = eventCount();
        Response notProvincial = http.post("/api/v1/artisans/" + artisanId + "/memberships", clerk07, Map.of("bodyId", regional));
        assertThat(notProvincial.body().get("rule").asText()).isEqualTo("body-must-be-provincial");
        // A clerk cannot show an unknown body is of its region: 403, as for another region's body.
        assertThat(http.post("/api/v1/artisans/" + artisanId + "/memberships", clerk07, Map.of("bodyId", UUID.randomUUID().toString()))
                .status()).isEqualTo(403);
        assertThat(http.post("/api/v1/artisans/" + artisanId + "/memberships", clerk07, Map.of("bodyId", artisanId)).status())
                .as("an artisan id is not a body").isEqualTo(403);
        assertThat(http.post("/api/v1/artisans/" + artisanId + "/memberships", clerk07, Map.of()).type()).isEqualTo("/problems/validation");
        assertThat(eventCount()).isEqualTo(afterCards);
    }

    @Test
    void suspensionMakesCardsAndMembershipsUnavailableAndSnapshotsKeepTheState() throws Exception {
        String artisanId = register(clerk07, "MA-ESI", "B02-003");
        for (int i = 0; i < 3; i++) {
            assertThat(http.post("/api/v1/artisans/" + artisanId + "/suspension", clerk07, Map.of("reason", "contrôle " + i)).status())
                    .isEqualTo(200);
            assertThat(http.post("/api/v1/artisans/" + artisanId + "/reinstatement", clerk07, Map.of("reason", "levée")).status())
                    .isEqualTo(200);
        }
        Response suspended = http.post("/api/v1/artisans/" + artisanId + "/suspension", clerk07, Map.of("reason", "enquête"));
        assertThat(suspended.body().get("status").asText()).isEqualTo("SUSPENDED");
        assertThat(suspended.body().get("version").asLong()).isEqualTo(7);
        // 8 events with a snapshot every 5: the state now comes from a snapshot plus events, and must still say SUSPENDED.
        assertThat(storageEngine.readSnapshot(artisanId)).isPresent();
        Response card = http.post("/api/v1/artisans/" + artisanId + "/cards", clerk07, null);
        assertThat(card.body().get("rule").asText()).isEqualTo("artisan-must-be-active");
        assertThat(http.post("/api/v1/artisans/" + artisanId + "/suspension", clerk07, Map.of("reason", "encore")).status())
                .isEqualTo(409);
        assertThat(http.post("/api/v1/artisans/" + artisanId + "/striking-off", clerk07, Map.of("reason", "radiation")).status())
                .isEqualTo(200);
        assertThat(http.post("/api/v1/artisans/" + artisanId + "/reinstatement", clerk07, Map.of("reason", "appel")).body()
                .get("rule").asText()).isEqualTo("artisan-must-be-suspended");
    }

    // --- personal data ----------------------------------------------------------------------------------------

    @Test
    void arabicNamesRoundTripThroughSealAndOpenAndNeverReachTheStoreInClear() throws Exception {
        String cin = uniqueCin();
        Map<String, Object> request = registration(cin, "MA-MAR", "B05-002", 15);
        // Hamza forms, alef maqsura, ta marbuta, shadda and a tatweel: any normalisation would change these bytes.
        Map<String, String> first = Map.of("ar", "عائِشةُ الـمُؤمِنة", "fr", "Aïcha-Éloïse");
        Map<String, String> last = Map.of("ar", "بنّاني الإدريسي", "fr", "Bennani El Idrissi");
        request.put("firstName", first);
        request.put("lastName", last);
        request.put("address", "درب الدباشي 12، مراكش");
        Response registered = http.post("/api/v1/artisans", clerk07, request);
        assertThat(registered.status()).as(registered.body().toString()).isEqualTo(201);
        String artisanId = registered.body().get("artisanId").asText();

        ArtisanRegistered event = (ArtisanRegistered) eventStore.readEvents(artisanId).next().getPayload();
        PersonalData opened = vault.open(event.personalData()).orElseThrow();
        assertThat(opened.firstName().ar().getBytes(StandardCharsets.UTF_8)).isEqualTo(first.get("ar").getBytes(StandardCharsets.UTF_8));
        assertThat(opened.lastName().ar().getBytes(StandardCharsets.UTF_8)).isEqualTo(last.get("ar").getBytes(StandardCharsets.UTF_8));
        assertThat(opened.firstName().fr()).isEqualTo("Aïcha-Éloïse");
        assertThat(opened.address()).isEqualTo("درب الدباشي 12، مراكش");
        assertThat(opened.cin()).isEqualTo(cin);
        assertThat(event.category()).isEqualTo(ma.crafts.register.values.ArtisanCategory.MASTER_ARTISAN);

        // Walk the stored values themselves: a JSON rendering escapes Arabic vowel marks, so it could never match.
        List<String> inClear = List.of(cin, first.get("ar"), last.get("ar"), "الدباشي", "Aïcha", "Bennani", "1984-03-02",
                "612345678");
        for (String name : database.listCollectionNames()) {
            for (Document doc : database.getCollection(name).find()) {
                assertThat(holdsAny(doc, inClear)).as("%s: %s", name, doc.toJson()).isFalse();
            }
        }
    }

    private static boolean holdsAny(Object value, List<String> texts) {
        if (value instanceof String text) {
            return texts.stream().anyMatch(text::contains);
        }
        if (value instanceof java.util.Date date) {
            return holdsAny(date.toInstant().toString(), texts);
        }
        if (value instanceof Document document) {
            return document.entrySet().stream().anyMatch(e -> holdsAny(e.getKey(), texts) || holdsAny(e.getValue(), texts));
        }
        if (value instanceof List<?> list) {
            return list.stream().anyMatch(element -> holdsAny(element, texts));
        }
        return false;
    }

    // --- OpenAPI ----------------------------------------------------------------------------------------------

    @Test
    void theOpenApiDocumentDescribesTheCommands() throws Exception {
        Response response = http.get("/v3/api-docs", null);
        assertThat(response.status()).isEqualTo(200);
        JsonNode paths = response.body().get("paths");
        JsonNode register = paths.get("/api/v1/artisans").get("post");
        assertThat(register.get("operationId").asText()).isEqualTo("registerArtisan");
        assertThat(register.get("responses").has("201")).isTrue();
        assertThat(register.get("responses").has("409")).isTrue();
        assertThat(paths.get("/api/v1/artisans/{artisanId}/cards").get("post").get("responses").has("201")).isTrue();
        assertThat(paths.get("/api/v1/artisans/{artisanId}/memberships").get("post").get("responses").has("201")).isTrue();
        assertThat(paths.get("/api/v1/professional-bodies").get("post").get("description").asText())
                .contains("REGISTRY_ADMIN").doesNotContain("CHAMBER_CLERK");
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    // --- hostile input ----------------------------------------------------------------------------------------

    @Test
    void namesAndAddressesWithControlInvisibleOrDirectionCharactersAre400NamingTheField() throws Exception {
        long before = eventCount();
        Map<String, Map<String, String>> hostile = Map.of(
                "firstName.fr", Map.of("ar", "فاطمة", "fr", "Fati\u0000ma"),
                "lastName.ar", Map.of("ar", "الزهراء\u202E", "fr", "Zahra"),
                "firstName.ar", Map.of("ar", "فا\u200Bطمة", "fr", "Fatima"));
        for (Map.Entry<String, Map<String, String>> name : hostile.entrySet()) {
            Map<String, Object> request = registration(uniqueCin(), "MA-MAR", "B08-001", 5);
            request.put(name.getKey().substring(0, name.getKey().indexOf('.')), name.getValue());
            Response rejected = http.post("/api/v1/artisans", clerk07, request);
            assertThat(rejected.status()).as(name.getKey() + " " + rejected.body()).isEqualTo(400);
            assertThat(rejected.contentType()).startsWith("application/problem+json");
            assertThat(rejected.body().get("errors").get(0).get("field").asText()).isEqualTo(name.getKey());
        }
        for (String address : List.of("Derb Dabachi\u0000 12", "Derb \u202EDabachi 12", "درب\u200B الدباشي 12")) {
            Map<String, Object> request = registration(uniqueCin(), "MA-MAR", "B08-001", 5);
            request.put("address", address);
            Response rejected = http.post("/api/v1/artisans", clerk07, request);
            assertThat(rejected.status()).as(address + " " + rejected.body()).isEqualTo(400);
            assertThat(rejected.body().get("errors").get(0).get("field").asText()).isEqualTo("address");
        }
        Map<String, Object> latinJoiner = registration(uniqueCin(), "MA-MAR", "B08-001", 5);
        latinJoiner.put("lastName", Map.of("ar", "الزهراء", "fr", "Za\u200Chra"));
        assertThat(http.post("/api/v1/artisans", clerk07, latinJoiner).status()).as("a joiner outside Arabic").isEqualTo(400);
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void namesAreStoredInNfcAndAJoinerBetweenArabicLettersIsKept() throws Exception {
        Map<String, Object> request = registration(uniqueCin(), "MA-MAR", "B08-001", 5);
        String decomposed = "Fe\u0301licite\u0301";
        String joined = "مهر\u200Cآبادي";
        request.put("firstName", Map.of("ar", "ا\u0654مينة", "fr", decomposed));
        request.put("lastName", Map.of("ar", joined, "fr", "Mehrabadi"));
        Response registered = http.post("/api/v1/artisans", clerk07, request);
        assertThat(registered.status()).as(registered.body().toString()).isEqualTo(201);
        ArtisanRegistered event = (ArtisanRegistered) eventStore.readEvents(registered.body().get("artisanId").asText())
                .next().getPayload();
        PersonalData stored = vault.open(event.personalData()).orElseThrow();
        assertThat(stored.firstName().fr()).isEqualTo("F\u00e9licit\u00e9");
        assertThat(stored.firstName().ar()).isEqualTo("\u0623مينة");
        assertThat(stored.lastName().ar()).isEqualTo(joined);
    }

    @Test
    void aKeyGivenTwiceIs400AndStoresNothing() throws Exception {
        long before = eventCount();
        String twice = new ObjectMapper().writeValueAsString(registration(uniqueCin(), "MA-MAR", "B08-001", 5))
                .replaceFirst("\\{", "{\"cin\":\"" + uniqueCin() + "\",");
        Response rejected = http.post("/api/v1/artisans", clerk07, twice);
        assertThat(rejected.status()).as(rejected.body().toString()).isEqualTo(400);
        assertThat(rejected.contentType()).startsWith("application/problem+json");
        assertThat(rejected.type()).isEqualTo("/problems/validation");
        assertThat(rejected.body().get("errors").get(0).get("field").asText()).isEqualTo("cin");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void aRejectionNeverRepeatsThePersonalValueItRejected() throws Exception {
        Map<String, String> personal = Map.of("birthDate", "1984-02-31", "cin", "QX98765432",
                "phone", "+21261234ABCD", "firstName", "Qasimato");
        for (Map.Entry<String, String> value : personal.entrySet()) {
            Map<String, Object> request = registration(uniqueCin(), "MA-MAR", "B08-001", 5);
            request.put(value.getKey(), value.getKey().equals("firstName")
                    ? Map.of("ar", value.getValue(), "fr", value.getValue()) : value.getValue());
            Response rejected = http.post("/api/v1/artisans", clerk07, request);
            assertThat(rejected.status()).as(value.getKey()).isEqualTo(400);
            assertThat(rejected.body().toString()).as(value.getKey()).contains(value.getKey())
                    .doesNotContain(value.getValue());
        }
    }

    private static String uniqueCin() {
        return Requests.uniqueCin("TK");
    }

    private static Map<String, Object> registration(String cin, String province, String activity, int years) {
        return Requests.artisanRegistration(cin, province, activity,
                Map.of("route", "EXPERIENCE", "yearsOfPractice", years));
    }

    private static Map<String, Object> body(String level, String branch, String territory) {
        return Requests.professionalBody(level, branch, territory);
    }

    private String register(String token, String province, String activity) throws Exception {
        Response r = http.post("/api/v1/artisans", token, registration(uniqueCin(), province, activity, 5));
        assertThat(r.status()).as(r.body().toString()).isEqualTo(201);
        return r.body().get("artisanId").asText();
    }

    private long eventCount() {
        try (var events = storageEngine.readEvents(null, false)) {
            return events.count();
        }
    }
}
