package ma.crafts.register.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ma.crafts.register.command.artisan.CardNumber;
import ma.crafts.register.values.CardCheckCode;
import ma.crafts.register.command.body.ProfessionalBodyId;
import ma.crafts.register.command.support.CommandHttp;
import ma.crafts.register.command.support.CommandHttp.Response;
import ma.crafts.register.command.support.Requests;
import ma.crafts.register.events.artisan.ArtisanDetailsAmended;
import ma.crafts.register.events.artisan.ArtisanRelocated;
import ma.crafts.register.events.artisan.ProfessionalBodyMembershipEnded;
import ma.crafts.register.platform.privacy.PersonalDataVault;
import ma.crafts.register.values.PersonalData;
import ma.crafts.register.values.SealedPersonalData;
import ma.crafts.register.values.SealedText;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The lifecycle commands over HTTP on the command side alone: amendments and relocation with sealed personal data,
 * status, cards by number, memberships and the body hierarchy; every refusal answers problem+json and stores nothing.
 */
@SpringBootTest(classes = CommandSideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "register.snapshots.threshold=5")
class LifecycleCommandApiTest {
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

    private CommandHttp http;
    private String clerk07;
    private String clerk03;
    private String admin;

    @BeforeEach
    void tokens() {
        http = new CommandHttp(port);
        clerk07 = http.token("clerk-marrakech", "CHAMBER_CLERK", "MA-07");
        clerk03 = http.token("clerk-fes", "CHAMBER_CLERK", "MA-03");
        admin = http.token("admin", "REGISTRY_ADMIN", null);
    }

    // --- amendments -------------------------------------------------------------------------------------------

    @Test
    void amendmentsAreSealedNameWhatChangedAndRefusalsStoreNothing() {
        String artisanId = register("MA-MAR", "B08-001", "EXPERIENCE", 5, null);
        Map<String, Object> amendment = Map.of("firstName", Map.of("ar", "خديجة", "fr", "Khadija"),
                "phone", "+212 6 11 22 33 44", "address", "درب الدباشي 14، مراكش");
        Response amended = http.post(path(artisanId, "amendments"), clerk07, amendment);
        assertThat(amended.status()).as(amended.body().toString()).isEqualTo(200);
        assertThat(amended.body().get("amendedFields")).extracting(JsonNode::asText)
                .containsExactly("firstName", "phone", "address");
        assertThat(amended.body().get("version").asLong()).isEqualTo(1);

        ArtisanDetailsAmended event = (ArtisanDetailsAmended) lastEvent(artisanId).getPayload();
        PersonalData opened = vault.open(event.personalData()).orElseThrow();
        assertThat(opened.firstName().ar()).isEqualTo("خديجة");
        assertThat(opened.lastName().fr()).isEqualTo("Zahra");
        assertThat(opened.phone()).isEqualTo("+212611223344");
        assertThat(opened.address()).isEqualTo("درب الدباشي 14، مراكش");
        assertThat(opened.cin()).startsWith("LC");
        for (String name : database.listCollectionNames()) {
            for (Document doc : database.getCollection(name).find()) {
                assertThat(doc.toJson()).as(name).doesNotContain("خديجة").doesNotContain("Khadija")
                        .doesNotContain("611223344");
            }
        }

        Response activity = http.post(path(artisanId, "amendments"), clerk07, Map.of("activityCode", "B08-002"));
        assertThat(activity.body().get("amendedFields")).extracting(JsonNode::asText).containsExactly("activityCode");

        long before = eventCount();
        assertThat(http.post(path(artisanId, "amendments"), clerk07, Map.of()).type()).isEqualTo("/problems/validation");
        assertThat(http.post(path(artisanId, "amendments"), clerk07, Map.of("phone", "+212611223344")).rule())
                .isEqualTo("no-change");
        assertThat(http.post(path(artisanId, "amendments"), clerk07, Map.of("activityCode", "B99-999")).type())
                .isEqualTo("/problems/validation");
        Response latinInArabic = http.post(path(artisanId, "amendments"), clerk07,
                Map.of("lastName", Map.of("ar", "Zahra", "fr", "Zahra")));
        assertThat(latinInArabic.body().get("errors").get(0).get("field").asText()).isEqualTo("lastName.ar");
        assertThat(http.post(path(artisanId, "amendments"), clerk03, Map.of("phone", "+212600000000")).type())
                .isEqualTo("/problems/forbidden");
        assertThat(http.post(path(artisanId, "amendments"), http.token("auditor", "AUDITOR", null),
                Map.of("phone", "+212600000000")).status()).isEqualTo(403);
        assertThat(http.post(path("5b0c3f3e-0000-4000-8000-00000000dead", "amendments"), clerk07,
                Map.of("phone", "+212600000000")).type()).isEqualTo("/problems/not-found");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void onceThePersonalDataIsErasedAmendmentAndRelocationAreRefusedAndStoreNothing() {
        String artisanId = register("MA-MAR", "B08-001", "EXPERIENCE", 5, null);
        vault.erase(artisanId);
        long before = eventCount();
        assertThat(http.post(path(artisanId, "amendments"), clerk07, Map.of("phone", "+212600000000")).rule())
                .isEqualTo("personal-data-erased");
        assertThat(http.post(path(artisanId, "relocation"), clerk07,
                Map.of("provinceCode", "MA-FES", "address", "Talaa Kebira 40, فاس")).rule())
                .isEqualTo("personal-data-erased");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void onceThePersonalDataIsErasedDiplomaEvidenceIsRefusedAndStoresNothing() {
        String graduate = register("MA-MAR", "B05-002", "DIPLOMA", null, "OFPPT-2019-0042");
        vault.erase(graduate);
        long before = eventCount();
        Response refused = http.post(path(graduate, "diploma-evidence"), clerk07, Map.of("diplomaRef",
                "OFPPT-2019-0042", "issuer", "OFPPT", "evidenceRef", "CH07-DOC-819"));
        assertThat(refused.status()).as("the registered reference went with the key").isEqualTo(409);
        assertThat(refused.rule()).isEqualTo("personal-data-erased");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void concurrentAmendmentsOfDifferentFieldsAreBothKept() throws Exception {
        for (int round = 0; round < 4; round++) {
            String artisanId = register("MA-SAF", "B01-004", "EXPERIENCE", 6, null);
            String phone = "+21266100000" + round;
            String address = "Rue " + round + ", Safi";
            List<Response> responses = CommandHttp.concurrently(List.of(
                    () -> http.post(path(artisanId, "amendments"), clerk07, Map.of("phone", phone)),
                    () -> http.post(path(artisanId, "amendments"), clerk07, Map.of("address", address))));
            assertThat(responses).allSatisfy(r -> assertThat(r.status()).as(r.body().toString()).isEqualTo(200));
            PersonalData latest = vault.open(latestSealed(artisanId)).orElseThrow();
            assertThat(latest.phone()).isEqualTo(phone);
            assertThat(latest.address()).isEqualTo(address);
        }
    }

    @Test
    void changesWithoutAReasonFieldKeepAnOptionalStatedReasonInTheirEventsMetadata() {
        String artisanId = register("MA-MAR", "B04-001", "EXPERIENCE", 5, null);
        long before = eventCount();
        assertThat(http.post(path(artisanId, "amendments"), clerk07,
                Map.of("phone", "+212600000001", "reason", "x".repeat(501))).type()).isEqualTo("/problems/validation");
        assertThat(eventCount()).isEqualTo(before);

        assertThat(http.post(path(artisanId, "amendments"), clerk07,
                Map.of("phone", "+212600000001", "reason", " demande de l'artisan ")).status()).isEqualTo(200);
        assertThat(statedReason(lastEvent(artisanId))).isEqualTo("demande de l'artisan");
        assertThat(http.post(path(artisanId, "amendments"), clerk07, Map.of("phone", "+212600000002")).status())
                .isEqualTo(200);
        assertThat(statedReason(lastEvent(artisanId))).as("none stated, none kept").isNull();
        assertThat(http.post(path(artisanId, "master-artisan-status"), clerk07,
                Map.of("yearsOfPractice", 12, "evidenceRef", "ATT-1", "reason", "attestation reçue")).status())
                .isEqualTo(200);
        assertThat(statedReason(lastEvent(artisanId))).isEqualTo("attestation reçue");

        String card = http.post(path(artisanId, "cards"), clerk07, null).body().get("cardNumber").asText();
        assertThat(http.post(cardPath(card, "loss-report"), clerk07, Map.of("reason", "perdue au souk")).status())
                .isEqualTo(200);
        assertThat(statedReason(lastEvent(artisanId))).isEqualTo("perdue au souk");
        assertThat(http.post(cardPath(card, "replacement"), clerk07, Map.of("reason", "duplicata")).status())
                .isEqualTo(201);
        assertThat(statedReason(lastEvent(artisanId))).isEqualTo("duplicata");

        String body = constitute("PROVINCIAL", "B04", "MA-MAR");
        assertThat(http.post(path(artisanId, "memberships"), clerk07, Map.of("bodyId", body)).status()).isEqualTo(201);
        assertThat(http.delete(path(artisanId, "memberships/" + body) + "?reason=d%C3%A9part", clerk07).status())
                .isEqualTo(200);
        assertThat(statedReason(lastEvent(artisanId))).isEqualTo("départ");

        assertThat(http.post(path(artisanId, "relocation"), clerk07,
                Map.of("provinceCode", "MA-FES", "address", "Talaa Kebira 40, Fès", "reason", "déménagement")).status())
                .isEqualTo(200);
        DomainEventMessage<?> relocated = lastEvent(artisanId);
        assertThat(statedReason(relocated)).isEqualTo("déménagement");
        vault.erase(artisanId);
        assertThat(statedReason(relocated)).as("gone with the artisan's key").isNull();
    }

    // --- relocation and status --------------------------------------------------------------------------------

    @Test
    void relocationMovesWriteAccessToTheNewRegionAndEndsMemberships() {
        String artisanId = register("MA-MAR", "B10-001", "EXPERIENCE", 5, null);
        String bodyId = constitute("PROVINCIAL", "B10", "MA-MAR");
        assertThat(http.post(path(artisanId, "memberships"), clerk07, Map.of("bodyId", bodyId)).status()).isEqualTo(201);

        long before = eventCount();
        assertThat(http.post(path(artisanId, "relocation"), clerk07, Map.of("provinceCode", "MA-MAR",
                "address", "Sidi Youssef Ben Ali, Marrakech")).rule()).isEqualTo("relocation-needs-another-province");
        assertThat(http.post(path(artisanId, "relocation"), clerk07, Map.of("provinceCode", "MA-XXX",
                "address", "nowhere")).type()).isEqualTo("/problems/validation");
        assertThat(http.post(path(artisanId, "relocation"), clerk07, Map.of("provinceCode", "MA-FES")).type())
                .isEqualTo("/problems/validation");
        assertThat(http.post(path(artisanId, "relocation"), clerk03, Map.of("provinceCode", "MA-FES",
                "address", "Talaa Kebira 40, Fès")).status()).isEqualTo(403);
        assertThat(eventCount()).isEqualTo(before);

        Response moved = http.post(path(artisanId, "relocation"), clerk07, Map.of("provinceCode", "MA-FES",
                "address", "Talaa Kebira 40, Fès"));
        assertThat(moved.status()).as(moved.body().toString()).isEqualTo(200);
        assertThat(moved.body().get("regionCode").asText()).isEqualTo("MA-03");
        List<? extends DomainEventMessage<?>> events = eventStore.readEvents(artisanId, 0).asStream().toList();
        ArtisanRelocated relocated = (ArtisanRelocated) events.get(events.size() - 2).getPayload();
        assertThat(vault.open(relocated.personalData()).orElseThrow().address()).isEqualTo("Talaa Kebira 40, Fès");
        ProfessionalBodyMembershipEnded ended = (ProfessionalBodyMembershipEnded) events.get(events.size() - 1).getPayload();
        assertThat(ended.cause()).isEqualTo(ProfessionalBodyMembershipEnded.Cause.RELOCATED);

        assertThat(http.post(path(artisanId, "suspension"), clerk07, Map.of("reason", "contrôle")).type())
                .isEqualTo("/problems/forbidden");
        assertThat(http.post(path(artisanId, "amendments"), clerk07, Map.of("phone", "+212600000001")).status())
                .isEqualTo(403);
        assertThat(http.post(path(artisanId, "suspension"), clerk03, Map.of("reason", "contrôle")).status()).isEqualTo(200);
        assertThat(http.post(path(artisanId, "reinstatement"), clerk03, Map.of("reason", "levée")).status()).isEqualTo(200);
        Response struck = http.post(path(artisanId, "striking-off"), clerk03, Map.of("reason", "cessation d'activité"));
        assertThat(struck.body().get("status").asText()).isEqualTo("STRUCK_OFF");
        assertThat(http.post(path(artisanId, "relocation"), clerk03, Map.of("provinceCode", "MA-MEK",
                "address", "Hamria, Meknès")).rule()).isEqualTo("artisan-struck-off");
        assertThat(http.post(path(artisanId, "amendments"), clerk03, Map.of("phone", "+212600000002")).rule())
                .isEqualTo("artisan-struck-off");
    }

    // --- cards --------------------------------------------------------------------------------------------------

    @Test
    void cardsAreAddressedByNumberAndALostCardIsReplacedByANewNumber() {
        String artisanId = register("MA-ESI", "B02-003", "EXPERIENCE", 5, null);
        Response issued = http.post(path(artisanId, "cards"), clerk07, null);
        assertThat(issued.status()).isEqualTo(201);
        String card = issued.body().get("cardNumber").asText();

        long before = eventCount();
        assertThat(http.post(cardPath(card, "renewal"), clerk07, null).rule()).isEqualTo("card-renewal-too-early");
        assertThat(http.post(cardPath(card, "reinstatement"), clerk07, Map.of("reason", "rien")).rule())
                .isEqualTo("card-not-suspended");
        assertThat(http.post(cardPath(card, "replacement"), clerk07, null).rule()).isEqualTo("card-must-be-reported-lost");
        assertThat(http.post(cardPath(card, "suspension"), clerk07, Map.of()).type()).isEqualTo("/problems/validation");
        assertThat(http.post(cardPath(card, "suspension"), clerk03, Map.of("reason", "x")).status()).isEqualTo(403);
        assertThat(http.post(cardPath("C07-2020-999999-9", "suspension"), clerk07, Map.of("reason", "x")).type())
                .isEqualTo("/problems/not-found");
        assertThat(eventCount()).isEqualTo(before);

        Response suspended = http.post(cardPath(card, "suspension"), clerk07, Map.of("reason", "usage abusif"));
        assertThat(suspended.body().get("status").asText()).isEqualTo("SUSPENDED");
        assertThat(http.post(cardPath(card, "loss-report"), clerk07, null).rule()).isEqualTo("card-suspended");
        assertThat(http.post(cardPath(card, "reinstatement"), clerk07, Map.of("reason", "levée")).status()).isEqualTo(200);
        Response lost = http.post(cardPath(card, "loss-report"), clerk07, null);
        assertThat(lost.body().get("status").asText()).isEqualTo("LOST");

        Response replaced = http.post(cardPath(card, "replacement"), clerk07, null);
        assertThat(replaced.status()).as(replaced.body().toString()).isEqualTo(201);
        String newCard = replaced.body().get("cardNumber").asText();
        assertThat(newCard).isNotEqualTo(card);
        assertThat(replaced.location()).isEqualTo("/api/v1/cards/" + newCard + "/verification");
        assertThat(replaced.body().get("validUntil")).isEqualTo(issued.body().get("validUntil"));
        assertThat(CardNumber.parse(newCard).regionCode()).isEqualTo("MA-07");
        String issuedCode = issued.body().get("checkCode").asText();
        String replacementCode = replaced.body().get("checkCode").asText();
        assertThat(List.of(issuedCode, replacementCode)).allMatch(CardCheckCode::isWellFormed);
        assertThat(replacementCode).as("a new card, a new check code").isNotEqualTo(issuedCode);
        assertThat(http.post(cardPath(card, "revocation"), clerk07, Map.of("reason", "ancienne")).rule())
                .isEqualTo("card-superseded");
        Response revoked = http.post(cardPath(newCard, "revocation"), clerk07, Map.of("reason", "fraude"));
        assertThat(revoked.body().get("status").asText()).isEqualTo("REVOKED");
        assertThat(revoked.body().get("artisanId").asText()).isEqualTo(artisanId);
    }

    // --- bodies and memberships ---------------------------------------------------------------------------------

    @Test
    void bodyHierarchyExclusionAndLeaving() {
        String provincial = constitute("PROVINCIAL", "B04", "MA-SAF");
        String regional = constitute("REGIONAL", "B04", "MA-07");
        String national = constitute("NATIONAL", "B04", "MA");

        assertThat(http.post("/api/v1/professional-bodies/" + provincial + "/affiliation", clerk07,
                Map.of("parentBodyId", regional)).status()).as("bodies are the registry administrators'").isEqualTo(403);
        assertThat(http.post("/api/v1/professional-bodies/" + provincial + "/affiliation", admin,
                Map.of("parentBodyId", national)).rule()).isEqualTo("affiliation-level");
        assertThat(http.post("/api/v1/professional-bodies/" + provincial + "/affiliation", admin, Map.of()).status())
                .isEqualTo(400);
        assertThat(http.post("/api/v1/professional-bodies/" + ProfessionalBodyId.of("B04", "MA-ESI") + "/affiliation",
                admin, Map.of("parentBodyId", regional)).status()).isEqualTo(404);
        Response provincialUp = http.post("/api/v1/professional-bodies/" + provincial + "/affiliation", admin,
                Map.of("parentBodyId", regional));
        assertThat(provincialUp.status()).as(provincialUp.body().toString()).isEqualTo(200);
        assertThat(provincialUp.body().get("parentLevel").asText()).isEqualTo("REGIONAL");
        assertThat(http.post("/api/v1/professional-bodies/" + regional + "/affiliation", clerk07,
                Map.of("parentBodyId", national)).status()).isEqualTo(403);
        assertThat(http.post("/api/v1/professional-bodies/" + regional + "/affiliation", admin,
                Map.of("parentBodyId", national)).status()).isEqualTo(200);
        assertThat(http.post("/api/v1/professional-bodies/" + regional + "/affiliation", admin,
                Map.of("parentBodyId", national)).rule()).isEqualTo("already-affiliated");

        String first = register("MA-SAF", "B04-001", "EXPERIENCE", 4, null);
        String second = register("MA-SAF", "B04-001", "EXPERIENCE", 4, null);
        assertThat(http.post(path(first, "memberships"), clerk07, Map.of("bodyId", provincial)).status()).isEqualTo(201);
        assertThat(http.post(path(second, "memberships"), clerk07, Map.of("bodyId", provincial)).status()).isEqualTo(201);

        Response excluded = http.post("/api/v1/professional-bodies/" + provincial + "/exclusions", clerk07,
                Map.of("artisanId", first, "reason", "manquement au règlement intérieur"));
        assertThat(excluded.status()).as(excluded.body().toString()).isEqualTo(201);
        assertThat(excluded.body().get("cause").asText()).isEqualTo("EXCLUDED");
        assertThat(http.post("/api/v1/professional-bodies/" + provincial + "/exclusions", clerk07,
                Map.of("artisanId", first, "reason", "encore")).rule()).isEqualTo("not-a-member");

        assertThat(http.delete(path(second, "memberships/" + provincial), clerk03).status()).isEqualTo(403);
        Response left = http.delete(path(second, "memberships/" + provincial), clerk07);
        assertThat(left.status()).as(left.body().toString()).isEqualTo(200);
        assertThat(left.body().get("cause").asText()).isEqualTo("LEFT");
        assertThat(left.body().get("since").asText()).isNotBlank();
        assertThat(http.delete(path(second, "memberships/" + provincial), clerk07).rule()).isEqualTo("not-a-member");
        assertThat(http.delete(path(second, "memberships/" + ProfessionalBodyId.of("B04", "MA-ESI")), clerk07).status())
                .as("a body not constituted: the clerk cannot show it is its region's").isEqualTo(403);
        assertThat(http.post(path(second, "memberships"), clerk07, Map.of("bodyId", provincial)).status()).isEqualTo(201);
    }

    // --- qualification ------------------------------------------------------------------------------------------

    @Test
    void masterArtisanStatusAndDiplomaEvidence() {
        String artisanId = register("MA-MAR", "B05-002", "EXPERIENCE", 5, null);
        long before = eventCount();
        assertThat(http.post(path(artisanId, "master-artisan-status"), clerk07,
                Map.of("yearsOfPractice", 9, "evidenceRef", "ATT-9")).rule()).isEqualTo("master-artisan-years");
        Response older = http.post(path(artisanId, "master-artisan-status"), clerk07,
                Map.of("yearsOfPractice", 80, "evidenceRef", "ATT-80"));
        assertThat(older.status()).isEqualTo(400);
        assertThat(older.body().get("errors").get(0).get("field").asText()).isEqualTo("yearsOfPractice");
        assertThat(http.post(path(artisanId, "master-artisan-status"), clerk07, Map.of("yearsOfPractice", 12)).status())
                .isEqualTo(400);
        assertThat(http.post(path(artisanId, "diploma-evidence"), clerk07, Map.of("diplomaRef", "OFPPT-1",
                "issuer", "OFPPT", "evidenceRef", "DOC-1")).rule()).isEqualTo("diploma-route-only");
        assertThat(eventCount()).isEqualTo(before);

        Response granted = http.post(path(artisanId, "master-artisan-status"), clerk07,
                Map.of("yearsOfPractice", 12, "evidenceRef", "ATT-2026-0042"));
        assertThat(granted.status()).as(granted.body().toString()).isEqualTo(200);
        assertThat(granted.body().get("category").asText()).isEqualTo("MASTER_ARTISAN");
        assertThat(http.post(path(artisanId, "master-artisan-status"), clerk07,
                Map.of("yearsOfPractice", 13, "evidenceRef", "ATT-2")).rule()).isEqualTo("already-master-artisan");

        String graduate = register("MA-MAR", "B05-002", "DIPLOMA", null, "OFPPT-2019-0042");
        Response confirmed = http.post(path(graduate, "diploma-evidence"), clerk07, Map.of("diplomaRef", "ofppt 2019 0042",
                "issuer", "OFPPT", "evidenceRef", "CH07-DOC-815"));
        assertThat(confirmed.status()).as(confirmed.body().toString()).isEqualTo(201);
        assertThat(confirmed.body().get("outcome").asText()).isEqualTo("CONFIRMED");
        Response mismatch = http.post(path(graduate, "diploma-evidence"), clerk07, Map.of("diplomaRef", "OFPPT-2018-0001",
                "issuer", "OFPPT", "evidenceRef", "CH07-DOC-816"));
        assertThat(mismatch.body().get("outcome").asText()).isEqualTo("MISMATCH");
    }

    // --- what the store keeps ----------------------------------------------------------------------------------

    @Test
    void reasonsAndReferencesAreStoredSealedUnderTheArtisansKeyAndGoWithIt() {
        String graduate = register("MA-MAR", "B05-002", "DIPLOMA", null, "OFPPT-2019-0042");
        assertThat(http.post(path(graduate, "diploma-evidence"), clerk07, Map.of("diplomaRef", "ofppt 2019 0042",
                "issuer", "OFPPT", "evidenceRef", "CH07-DOC-4711")).body().get("diplomaRef").asText())
                .as("the clerk who gave it is shown it").isEqualTo("ofppt 2019 0042");
        String card = http.post(path(graduate, "cards"), clerk07, null).body().get("cardNumber").asText();
        assertThat(http.post(cardPath(card, "suspension"), clerk07, Map.of("reason", "plainte de M. Bennani"))
                .status()).isEqualTo(200);
        assertThat(http.post(cardPath(card, "revocation"), clerk07, Map.of("reason", "fraude avérée de M. Bennani"))
                .status()).isEqualTo(200);
        assertThat(http.post(path(graduate, "suspension"), clerk07, Map.of("reason", "enquête du caïd Alaoui"))
                .status()).isEqualTo(200);
        assertThat(http.post(path(graduate, "striking-off"), clerk07, Map.of("reason", "décès signalé par Mme Tazi"))
                .status()).isEqualTo(200);
        String master = register("MA-MAR", "B05-002", "EXPERIENCE", 5, null);
        assertThat(http.post(path(master, "master-artisan-status"), clerk07,
                Map.of("yearsOfPractice", 12, "evidenceRef", "ATT-2026-4711")).status()).isEqualTo(200);
        List<String> inClear = List.of("OFPPT-2019-0042", "ofppt 2019 0042", "CH07-DOC-4711", "plainte de M. Bennani",
                "fraude avérée de M. Bennani", "enquête du caïd Alaoui", "décès signalé par Mme Tazi", "ATT-2026-4711");

        List<String> stored = new ArrayList<>();
        for (Document commit : database.getCollection("commits").find()) {
            String json = commit.toJson();
            if (json.contains(graduate) || json.contains(master)) {
                stored.add(json);
            }
        }
        assertThat(stored).isNotEmpty();
        for (String text : inClear) {
            assertThat(stored).as("the stored commits hold no %s in clear", text).noneMatch(json -> json.contains(text));
        }
        List<String> opened = new ArrayList<>();
        for (String artisanId : List.of(graduate, master)) {
            for (DomainEventMessage<?> event : eventStore.readEvents(artisanId, 0).asStream().toList()) {
                sealedTexts(event.getPayload()).forEach(sealed -> {
                    assertThat(sealed.keyId()).isEqualTo(artisanId);
                    opened.add(vault.openText(sealed).orElseThrow());
                });
            }
        }
        assertThat(opened).containsAll(inClear);

        vault.erase(graduate);
        for (DomainEventMessage<?> event : eventStore.readEvents(graduate, 0).asStream().toList()) {
            sealedTexts(event.getPayload()).forEach(sealed -> assertThat(vault.openText(sealed))
                    .as("gone with the artisan's key").isEmpty());
        }
    }

    /** The sealed text an event holds in its fields, and in the fields of the values it holds (a qualification). */
    private static List<SealedText> sealedTexts(Object payload) {
        List<SealedText> found = new ArrayList<>();
        for (RecordComponent component : payload.getClass().getRecordComponents()) {
            try {
                Object value = component.getAccessor().invoke(payload);
                if (value instanceof SealedText sealed) {
                    found.add(sealed);
                } else if (value instanceof Record held) {
                    found.addAll(sealedTexts(held));
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return found;
    }

    @Test
    void theOpenApiDocumentDescribesTheLifecycleCommands() {
        JsonNode paths = http.get("/v3/api-docs", null).body().get("paths");
        Map<String, String> operations = new HashMap<>();
        operations.put("/api/v1/artisans/{artisanId}/amendments", "amendArtisan");
        operations.put("/api/v1/artisans/{artisanId}/relocation", "relocateArtisan");
        operations.put("/api/v1/artisans/{artisanId}/master-artisan-status", "grantMasterArtisanStatus");
        operations.put("/api/v1/artisans/{artisanId}/diploma-evidence", "recordDiplomaEvidence");
        operations.put("/api/v1/cards/{cardNumber}/renewal", "renewCard");
        operations.put("/api/v1/cards/{cardNumber}/suspension", "suspendCard");
        operations.put("/api/v1/cards/{cardNumber}/reinstatement", "reinstateCard");
        operations.put("/api/v1/cards/{cardNumber}/revocation", "revokeCard");
        operations.put("/api/v1/cards/{cardNumber}/loss-report", "reportCardLost");
        operations.put("/api/v1/cards/{cardNumber}/replacement", "replaceCard");
        operations.put("/api/v1/professional-bodies/{bodyId}/affiliation", "affiliateProfessionalBody");
        operations.put("/api/v1/professional-bodies/{bodyId}/exclusions", "excludeMember");
        operations.forEach((path, operationId) -> {
            JsonNode post = paths.path(path).path("post");
            assertThat(post.path("operationId").asText()).as(path).isEqualTo(operationId);
            assertThat(post.path("responses").has("409")).as(path).isTrue();
        });
        assertThat(paths.path("/api/v1/artisans/{artisanId}/memberships/{bodyId}").path("delete").path("operationId")
                .asText()).isEqualTo("leaveProfessionalBody");
        assertThat(paths.path("/api/v1/cards/{cardNumber}/replacement").path("post").path("responses").has("201")).isTrue();
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    private static String path(String artisanId, String command) {
        return "/api/v1/artisans/" + artisanId + "/" + command;
    }

    private static String cardPath(String cardNumber, String command) {
        return "/api/v1/cards/" + cardNumber + "/" + command;
    }

    private String register(String province, String activity, String route, Integer years, String diplomaRef) {
        Map<String, Object> qualification = new HashMap<>();
        qualification.put("route", route);
        if (years != null) {
            qualification.put("yearsOfPractice", years);
        }
        if (diplomaRef != null) {
            qualification.put("diplomaRef", diplomaRef);
        }
        Response r = http.post("/api/v1/artisans", clerk07,
                Requests.artisanRegistration(Requests.uniqueCin("LC"), province, activity, qualification));
        assertThat(r.status()).as(r.body().toString()).isEqualTo(201);
        return r.body().get("artisanId").asText();
    }

    private String constitute(String level, String branch, String territory) {
        Response r = http.post("/api/v1/professional-bodies", admin, Requests.professionalBody(level, branch, territory));
        assertThat(r.status()).as(r.body().toString()).isIn(201, 409);
        return ProfessionalBodyId.of(branch, territory);
    }

    private DomainEventMessage<?> lastEvent(String artisanId) {
        List<? extends DomainEventMessage<?>> events = eventStore.readEvents(artisanId, 0).asStream().toList();
        return events.get(events.size() - 1);
    }

    /** The stated reason, which the event holds sealed under its artisan's key; null when none was stated. */
    private String statedReason(DomainEventMessage<?> event) {
        Object stated = event.getMetaData().get(StatedReason.REASON);
        if (stated == null) {
            return null;
        }
        SealedText sealed = new ObjectMapper().convertValue(stated, SealedText.class);
        assertThat(sealed.algorithm()).as("sealed, not in clear").isEqualTo(PersonalDataVault.ALGORITHM);
        assertThat(sealed.keyId()).isEqualTo(event.getAggregateIdentifier());
        return vault.openText(sealed).orElse(null);
    }

    private SealedPersonalData latestSealed(String artisanId) {
        SealedPersonalData latest = null;
        for (DomainEventMessage<?> event : eventStore.readEvents(artisanId, 0).asStream().toList()) {
            if (event.getPayload() instanceof ma.crafts.register.events.artisan.ArtisanRegistered r) {
                latest = r.personalData();
            } else if (event.getPayload() instanceof ArtisanDetailsAmended a && a.personalData() != null) {
                latest = a.personalData();
            }
        }
        return latest;
    }

    private long eventCount() {
        try (var events = storageEngine.readEvents(null, false)) {
            return events.count();
        }
    }
}
