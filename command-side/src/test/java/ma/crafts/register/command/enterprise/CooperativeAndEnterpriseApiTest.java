package ma.crafts.register.command.enterprise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ma.crafts.register.command.CommandSideApplication;
import ma.crafts.register.command.StatedReason;
import ma.crafts.register.command.artisan.Nia;
import ma.crafts.register.command.numbering.IssuedNumbers;
import ma.crafts.register.command.support.CommandHttp;
import ma.crafts.register.command.support.CommandHttp.Response;
import ma.crafts.register.command.support.Requests;
import ma.crafts.register.eventstore.deadline.MongoDeadlineManager;
import ma.crafts.register.eventstore.saga.MongoSagaStore;
import ma.crafts.register.events.cooperative.CooperativeDetailsAmended;
import ma.crafts.register.events.cooperative.CooperativeRegistered;
import ma.crafts.register.events.enterprise.ChamberNotificationIssued;
import ma.crafts.register.events.enterprise.EnterpriseDetailsAmended;
import ma.crafts.register.events.enterprise.EnterpriseFlaggedNonCompliant;
import ma.crafts.register.events.enterprise.EnterpriseRegistered;
import ma.crafts.register.platform.privacy.PersonalDataVault;
import ma.crafts.register.values.PersonalData;
import ma.crafts.register.values.SealedText;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.saga.AssociationValue;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Cooperatives and enterprises over HTTP on the command side, with the Mongo event store, deadline manager, saga
 * store and token store: registration, refusals that store nothing, and the compliance process from an artisan's
 * striking-off to the enterprise's flag and its chamber's notice.
 */
@SpringBootTest(classes = CommandSideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "register.snapshots.threshold=5")
class CooperativeAndEnterpriseApiTest {
    @LocalServerPort
    int port;
    @Autowired
    EventStore eventStore;
    @Autowired
    EventStorageEngine storageEngine;
    @Autowired
    PersonalDataVault vault;
    @Autowired
    IssuedNumbers issuedNumbers;
    @Autowired
    DeadlineManager deadlineManager;
    @Autowired
    SagaStore<Object> sagaStore;

    private CommandHttp http;
    private String clerk07;

    @BeforeEach
    void setUp() {
        http = new CommandHttp(port);
        clerk07 = http.token("clerk-marrakech", "CHAMBER_CLERK", "MA-07");
    }

    @Test
    void theCommandSideKeepsDeadlinesAndSagasInMongo() {
        assertThat(deadlineManager).isInstanceOf(MongoDeadlineManager.class);
        assertThat(sagaStore).isInstanceOf(MongoSagaStore.class);
    }

    @Test
    void aCooperativesIdIsNoArtisan_artisanCommandsOnItAre404() {
        Response registered = http.post("/api/v1/cooperatives", clerk07, cooperative("MA-HAO", List.of("B04-002")));
        assertThat(registered.status()).as(registered.body().toString()).isEqualTo(201);
        String cooperativeId = registered.body().get("cooperativeId").asText();

        Response suspension = http.post("/api/v1/artisans/" + cooperativeId + "/suspension", clerk07,
                Map.of("reason", "contrôle"));
        assertThat(suspension.status()).as(suspension.body().toString()).isEqualTo(404);
        assertThat(http.post("/api/v1/artisans/" + cooperativeId + "/cards", clerk07, Map.of()).status()).isEqualTo(404);
        assertThat(events(cooperativeId)).hasSize(1);
    }

    @Test
    void aCooperativeIsRegisteredWithItsMainActivityFirstAndItsRepresentativeSealed() {
        Map<String, Object> request = cooperative("MA-HAO", List.of("B04-003", "B04-002"));
        request.put("activityCode", "B04-002");
        Response response = http.post("/api/v1/cooperatives", clerk07, request);

        assertThat(response.status()).as(response.body().toString()).isEqualTo(201);
        String cooperativeId = response.body().get("cooperativeId").asText();
        assertThat(response.location()).isEqualTo("/api/v1/cooperatives/" + cooperativeId);
        assertThat(response.body().get("status").asText()).isEqualTo("ACTIVE");
        assertThat(response.body().get("version").asLong()).isZero();
        Nia nia = Nia.parse(response.body().get("nia").asText());
        assertThat(nia).isNotNull().extracting(Nia::regionCode).isEqualTo("MA-07");
        assertThat(issuedNumbers.holderOf(IssuedNumbers.Kind.NIA, nia.value())).contains(cooperativeId);

        List<? extends DomainEventMessage<?>> events = events(cooperativeId);
        assertThat(events).hasSize(1);
        CooperativeRegistered registered = (CooperativeRegistered) events.get(0).getPayload();
        assertThat(registered.activityCodes()).containsExactly("B04-002", "B04-003");
        assertThat(registered.regionCode()).isEqualTo("MA-07");
        assertThat(registered.name().ar()).isEqualTo("تعاونية الزربية الحوزية");
        assertThat(registered.representative().keyId()).isEqualTo(cooperativeId);
        PersonalData representative = vault.open(registered.representative()).orElseThrow();
        assertThat(representative.firstName().ar()).isEqualTo("فاطمة");
        assertThat(representative.cin()).isEqualTo(request.get("cin"));
        assertThat(events.get(0).getMetaData()).containsEntry("recordedBy", "clerk-marrakech")
                .containsEntry("chamber", "MA-07");
    }

    @Test
    void refusedCooperativesStoreNothing() {
        long before = eventCount();
        assertProblem(http.post("/api/v1/cooperatives", clerk07, cooperative("MA-XXX", List.of("B04-002"))),
                400, "/problems/validation", "provinceCode");
        assertProblem(http.post("/api/v1/cooperatives", clerk07, cooperative("MA-HAO", List.of("B04-002", "Z99-999"))),
                400, "/problems/validation", "activityCodes[1]");
        assertProblem(http.post("/api/v1/cooperatives", clerk07, cooperative("MA-HAO", List.of("B04-002", "B04-002"))),
                400, "/problems/validation", "activityCodes");
        Map<String, Object> foreignMain = cooperative("MA-HAO", List.of("B04-002"));
        foreignMain.put("activityCode", "B04-003");
        assertProblem(http.post("/api/v1/cooperatives", clerk07, foreignMain), 400, "/problems/validation", "activityCode");
        Map<String, Object> latinArabicName = cooperative("MA-HAO", List.of("B04-002"));
        latinArabicName.put("name", Map.of("ar", "Cooperative", "fr", "Coopérative"));
        assertProblem(http.post("/api/v1/cooperatives", clerk07, latinArabicName), 400, "/problems/validation", "name.ar");
        Map<String, Object> badCin = cooperative("MA-HAO", List.of("B04-002"));
        badCin.put("cin", "12345678");
        assertProblem(http.post("/api/v1/cooperatives", clerk07, badCin), 400, "/problems/validation", "cin");
        assertProblem(http.post("/api/v1/cooperatives", clerk07, null), 400, "/problems/validation", null);
        assertProblem(http.post("/api/v1/cooperatives", http.token("clerk-fes", "CHAMBER_CLERK", "MA-03"),
                cooperative("MA-HAO", List.of("B04-002"))), 403, "/problems/forbidden", null);
        assertProblem(http.post("/api/v1/cooperatives", http.token("auditor", "AUDITOR", null),
                cooperative("MA-HAO", List.of("B04-002"))), 403, "/problems/forbidden", null);
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void anEnterpriseNeedsAnActiveSupervisor_andIsFlaggedWithANoticeToItsRegionWhenTheSupervisorIsStruckOff() {
        String supervisor = registerArtisan();
        String suspended = registerArtisan();
        assertThat(http.post("/api/v1/artisans/" + suspended + "/suspension", clerk07,
                Map.of("reason", "Enquête en cours")).status()).isEqualTo(200);
        long before = eventCount();
        assertProblem(http.post("/api/v1/enterprises", clerk07, enterprise("no-such-artisan")), 404,
                "/problems/not-found", null);
        Response refused = http.post("/api/v1/enterprises", clerk07, enterprise(suspended));
        assertProblem(refused, 409, "/problems/rule-violation", null);
        assertThat(refused.rule()).isEqualTo(Enterprise.SUPERVISOR_MUST_BE_ACTIVE);
        assertThat(eventCount()).isEqualTo(before);

        Response created = http.post("/api/v1/enterprises", clerk07, enterprise(supervisor));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        String enterpriseId = created.body().get("enterpriseId").asText();
        assertThat(created.location()).isEqualTo("/api/v1/enterprises/" + enterpriseId);
        assertThat(created.body().get("supervisingArtisanId").asText()).isEqualTo(supervisor);
        assertThat(((EnterpriseRegistered) events(enterpriseId).get(0).getPayload()).supervisingArtisanId())
                .isEqualTo(supervisor);
        AssociationValue bySupervisor = new AssociationValue(EnterpriseCompliance.ARTISAN_ID, supervisor);
        await().atMost(Duration.ofSeconds(20)).until(() ->
                !sagaStore.findSagas(EnterpriseCompliance.class, bySupervisor).isEmpty());

        Response struckOff = http.post("/api/v1/artisans/" + supervisor + "/striking-off", clerk07,
                Map.of("reason", "Cessation définitive d'activité"));
        assertThat(struckOff.status()).as(struckOff.body().toString()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(20)).until(() -> events(enterpriseId).size() == 3);
        List<? extends DomainEventMessage<?>> events = events(enterpriseId);
        assertThat(events.get(1).getPayload()).isEqualTo(new EnterpriseFlaggedNonCompliant(enterpriseId, supervisor,
                "MA-07", EnterpriseFlaggedNonCompliant.SUPERVISING_ARTISAN_STRUCK_OFF));
        ChamberNotificationIssued notice = (ChamberNotificationIssued) events.get(2).getPayload();
        assertThat(notice.regionCode()).isEqualTo("MA-07");
        assertThat(notice.topic()).isEqualTo(ChamberNotificationIssued.ENTERPRISE_NON_COMPLIANT);
        assertThat(notice.message().ar()).contains("مقاولة القفطان المراكشي");
        assertThat(events.get(1).getMetaData()).containsEntry("recordedBy", "system").containsEntry("chamber", "MA");
        // The strike-off's trace follows the flag, so an auditor can tell what caused it.
        DomainEventMessage<?> strikeOff = events(supervisor).stream()
                .filter(e -> e.getPayloadType().getSimpleName().equals("ArtisanStruckOff")).findFirst().orElseThrow();
        assertThat(events.get(1).getMetaData().get("traceId")).isEqualTo(strikeOff.getMetaData().get("traceId"));
        await().atMost(Duration.ofSeconds(20)).until(() ->
                sagaStore.findSagas(EnterpriseCompliance.class, bySupervisor).isEmpty());

        // A new ACTIVE supervisor lifts the flag, and the watch follows it.
        assertProblem(http.post("/api/v1/enterprises/" + enterpriseId + "/supervising-artisan", clerk07,
                Map.of("artisanId", suspended)), 409, "/problems/rule-violation", null);
        assertProblem(http.post("/api/v1/enterprises/" + enterpriseId + "/supervising-artisan", clerk07, Map.of()),
                400, "/problems/validation", "artisanId");
        assertThat(http.post("/api/v1/enterprises/" + enterpriseId + "/supervising-artisan",
                http.token("clerk-fes", "CHAMBER_CLERK", "MA-03"), Map.of("artisanId", suspended)).status())
                .isEqualTo(403);
        String successor = registerArtisan();
        Response changed = http.post("/api/v1/enterprises/" + enterpriseId + "/supervising-artisan", clerk07,
                Map.of("artisanId", successor, "reason", "reprise de l'atelier"));
        assertThat(changed.status()).as(changed.body().toString()).isEqualTo(200);
        assertThat(changed.body().get("complianceRestored").asBoolean()).isTrue();
        assertThat(changed.body().get("previousSupervisingArtisanId").asText()).isEqualTo(supervisor);
        assertThat(changed.body().get("version").asLong()).isEqualTo(3);
        AssociationValue bySuccessor = new AssociationValue(EnterpriseCompliance.ARTISAN_ID, successor);
        await().atMost(Duration.ofSeconds(20)).until(() ->
                !sagaStore.findSagas(EnterpriseCompliance.class, bySuccessor).isEmpty());
        assertThat(http.post("/api/v1/artisans/" + successor + "/striking-off", clerk07,
                Map.of("reason", "Départ")).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> events(enterpriseId).size() == 6);
        assertThat(events(enterpriseId).get(4).getPayload()).isEqualTo(new EnterpriseFlaggedNonCompliant(enterpriseId,
                successor, "MA-07", EnterpriseFlaggedNonCompliant.SUPERVISING_ARTISAN_STRUCK_OFF));
    }

    @Test
    void cooperativesAndEnterprisesAreSuspendedReinstatedAndStruckOffByTheirRegionsClerks() {
        String cooperativeId = http.post("/api/v1/cooperatives", clerk07, cooperative("MA-HAO", List.of("B04-002")))
                .body().get("cooperativeId").asText();
        String enterpriseId = http.post("/api/v1/enterprises", clerk07, enterprise(registerArtisan()))
                .body().get("enterpriseId").asText();
        String clerk03 = http.token("clerk-fes", "CHAMBER_CLERK", "MA-03");
        for (String path : List.of("/api/v1/cooperatives/" + cooperativeId, "/api/v1/enterprises/" + enterpriseId)) {
            long before = eventCount();
            assertProblem(http.post(path + "/reinstatement", clerk07, null), 409, "/problems/rule-violation", null);
            assertThat(http.post(path + "/suspension", clerk03, null).status()).isEqualTo(403);
            assertThat(http.post(path + "/suspension", http.token("auditor", "AUDITOR", null), null).status())
                    .isEqualTo(403);
            assertProblem(http.post(path + "/suspension", clerk07, Map.of("reason", "x".repeat(501))), 400,
                    "/problems/validation", "reason");
            assertThat(eventCount()).isEqualTo(before);

            Response suspended = http.post(path + "/suspension", clerk07, Map.of("reason", "contrôle fiscal"));
            assertThat(suspended.status()).as(suspended.body().toString()).isEqualTo(200);
            assertThat(suspended.body().get("status").asText()).isEqualTo("SUSPENDED");
            assertThat(suspended.body().get("version").asLong()).isEqualTo(1);
            assertThat(suspended.body().get("position").asLong()).isPositive();
            assertThat(http.post(path + "/reinstatement", clerk07, null).body().get("status").asText())
                    .isEqualTo("ACTIVE");
            assertThat(http.post(path + "/striking-off", clerk07, Map.of("reason", "dissolution")).body()
                    .get("status").asText()).isEqualTo("STRUCK_OFF");
            assertThat(http.post(path + "/suspension", clerk07, null).rule()).endsWith("-struck-off");
        }
        SealedText suspensionReason = ((ma.crafts.register.events.cooperative.CooperativeSuspended)
                events(cooperativeId).get(1).getPayload()).reason();
        assertThat(suspensionReason.keyId()).as("sealed under the cooperative's key").isEqualTo(cooperativeId);
        assertThat(suspensionReason.algorithm()).isEqualTo(PersonalDataVault.ALGORITHM);
        assertThat(vault.openText(suspensionReason)).contains("contrôle fiscal");
        assertProblem(http.post("/api/v1/enterprises/5b0c3f3e-0000-4000-8000-00000000dead/suspension", clerk07, null),
                404, "/problems/not-found", null);
        assertProblem(http.post("/api/v1/enterprises/" + cooperativeId + "/suspension", clerk07, null),
                404, "/problems/not-found", null);
    }

    @Test
    void aClerkNamingAnotherRegionsArtisanAsSupervisorGetsTheAnswerForAnArtisanThatDoesNotExist() {
        String enterpriseId = http.post("/api/v1/enterprises", clerk07, enterprise(registerArtisan()))
                .body().get("enterpriseId").asText();
        String fesClerk = http.token("clerk-fes", "CHAMBER_CLERK", "MA-03");
        String active = registerArtisan(fesClerk, "MA-FES");
        String suspended = registerArtisan(fesClerk, "MA-FES");
        assertThat(http.post("/api/v1/artisans/" + suspended + "/suspension", fesClerk,
                Map.of("reason", "Enquête en cours")).status()).isEqualTo(200);
        String struckOff = registerArtisan(fesClerk, "MA-FES");
        assertThat(http.post("/api/v1/artisans/" + struckOff + "/striking-off", fesClerk,
                Map.of("reason", "Cessation définitive d'activité")).status()).isEqualTo(200);
        String unknown = UUID.randomUUID().toString();
        long before = eventCount();

        List<String> answers = new ArrayList<>();
        for (String named : List.of(unknown, active, suspended, struckOff)) {
            for (Response refused : List.of(http.post("/api/v1/enterprises", clerk07, enterprise(named)),
                    http.post("/api/v1/enterprises/" + enterpriseId + "/supervising-artisan", clerk07,
                            Map.of("artisanId", named)))) {
                assertProblem(refused, 404, "/problems/not-found", null);
                answers.add(refused.body().get("detail").asText().replace(named, "<named>"));
            }
        }
        assertThat(answers).hasSize(8).containsOnly(answers.get(0));
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void aCooperativesNameActivitiesAndRepresentativesContactDetailsAreAmendedByItsRegionsClerk() throws Exception {
        Map<String, Object> registration = cooperative("MA-HAO", List.of("B04-002"));
        String cooperativeId = http.post("/api/v1/cooperatives", clerk07, registration).body().get("cooperativeId")
                .asText();
        String path = "/api/v1/cooperatives/" + cooperativeId + "/amendments";
        Response amended = http.post(path, clerk07, Map.of(
                "name", Map.of("ar", "تعاونية النسيج الحوزي", "fr", "Coopérative du tissage du Haouz"),
                "activityCodes", List.of("B04-002", "B04-003"), "activityCode", "B04-003",
                "phone", "+212661234567", "reason", " assemblée générale du 3 mars "));

        assertThat(amended.status()).as(amended.body().toString()).isEqualTo(200);
        assertThat(amended.body().get("cooperativeId").asText()).isEqualTo(cooperativeId);
        assertThat(amended.body().get("amendedFields").toString()).isEqualTo("[\"name\",\"activityCodes\",\"phone\"]");
        assertThat(amended.body().get("version").asLong()).isEqualTo(1);
        assertThat(amended.body().get("position").asLong()).isPositive();
        DomainEventMessage<?> event = events(cooperativeId).get(1);
        CooperativeDetailsAmended details = (CooperativeDetailsAmended) event.getPayload();
        assertThat(details.name().fr()).isEqualTo("Coopérative du tissage du Haouz");
        assertThat(details.activityCodes()).containsExactly("B04-003", "B04-002");
        assertThat(event.getMetaData()).containsEntry("recordedBy", "clerk-marrakech");
        SealedText statedReason = new ObjectMapper().convertValue(event.getMetaData().get(StatedReason.REASON),
                SealedText.class);
        assertThat(statedReason.keyId()).as("sealed under the cooperative's key").isEqualTo(cooperativeId);
        assertThat(vault.openText(statedReason)).contains("assemblée générale du 3 mars");
        PersonalData representative = vault.open(details.representative()).orElseThrow();
        assertThat(representative.phone()).isEqualTo("+212661234567");
        assertThat(representative.cin()).isEqualTo(registration.get("cin"));
        assertThat(representative.address()).isEqualTo(registration.get("address"));

        // Changes of the representative's phone and address at once: neither undoes the other.
        List<Response> both = CommandHttp.concurrently(List.of(
                () -> http.post(path, clerk07, Map.of("phone", "+212662000000")),
                () -> http.post(path, clerk07, Map.of("address", "Douar Tameslohte 4, Al Haouz"))));
        assertThat(both).allSatisfy(r -> assertThat(r.status()).as(r.body().toString()).isEqualTo(200));
        List<? extends DomainEventMessage<?>> events = events(cooperativeId);
        PersonalData latest = vault.open(((CooperativeDetailsAmended) events.get(events.size() - 1).getPayload())
                .representative()).orElseThrow();
        assertThat(latest.phone()).isEqualTo("+212662000000");
        assertThat(latest.address()).isEqualTo("Douar Tameslohte 4, Al Haouz");
    }

    @Test
    void refusedAmendmentsStoreNothing() {
        String cooperativeId = http.post("/api/v1/cooperatives", clerk07, cooperative("MA-HAO", List.of("B04-002")))
                .body().get("cooperativeId").asText();
        String enterpriseId = http.post("/api/v1/enterprises", clerk07, enterprise(registerArtisan()))
                .body().get("enterpriseId").asText();
        String cooperative = "/api/v1/cooperatives/" + cooperativeId + "/amendments";
        long before = eventCount();
        assertProblem(http.post(cooperative, clerk07, Map.of()), 400, "/problems/validation", "body");
        assertProblem(http.post(cooperative, clerk07, null), 400, "/problems/validation", null);
        assertProblem(http.post(cooperative, clerk07, Map.of("phone", "06 12")), 400, "/problems/validation", "phone");
        assertProblem(http.post(cooperative, clerk07, Map.of("address", "Douar\u202E 4")), 400, "/problems/validation",
                "address");
        assertProblem(http.post(cooperative, clerk07, Map.of("name", Map.of("ar", "تعاونية", "fr", "Coop\u200Bérative"))),
                400, "/problems/validation", "name.fr");
        assertProblem(http.post(cooperative, clerk07, Map.of("name", Map.of("ar", "تعاونية"))), 400,
                "/problems/validation", "name.fr");
        assertProblem(http.post(cooperative, clerk07, Map.of("activityCodes", List.of("B04-002", "Z99-999"))), 400,
                "/problems/validation", "activityCodes[1]");
        assertProblem(http.post(cooperative, clerk07, Map.of("activityCodes", List.of("B04-002", "B04-002"))), 400,
                "/problems/validation", "activityCodes");
        assertProblem(http.post(cooperative, clerk07, Map.of("activityCodes", List.of())), 400,
                "/problems/validation", "activityCodes");
        assertProblem(http.post(cooperative, clerk07, Map.of("activityCode", "B04-002")), 400, "/problems/validation",
                "activityCode");
        assertProblem(http.post(cooperative, clerk07, Map.of("activityCodes", List.of("B04-002"),
                "activityCode", "B04-003")), 400, "/problems/validation", "activityCode");
        assertProblem(http.post(cooperative, clerk07, Map.of("phone", "+212600000003", "reason", "x".repeat(501))),
                400, "/problems/validation", "reason");
        assertProblem(http.post(cooperative, http.token("clerk-fes", "CHAMBER_CLERK", "MA-03"),
                Map.of("phone", "+212600000003")), 403, "/problems/forbidden", null);
        assertProblem(http.post(cooperative, http.token("auditor", "AUDITOR", null), Map.of("phone", "+212600000003")),
                403, "/problems/forbidden", null);
        assertProblem(http.post("/api/v1/cooperatives/" + enterpriseId + "/amendments", clerk07,
                Map.of("phone", "+212600000003")), 404, "/problems/not-found", null);
        assertProblem(http.post("/api/v1/enterprises/" + cooperativeId + "/amendments", clerk07,
                Map.of("phone", "+212600000003")), 404, "/problems/not-found", null);
        Response unchanged = http.post(cooperative, clerk07, Map.of("phone", "+212612345678",
                "activityCodes", List.of("B04-002")));
        assertProblem(unchanged, 409, "/problems/rule-violation", null);
        assertThat(unchanged.rule()).isEqualTo("no-change");
        assertThat(eventCount()).isEqualTo(before);

        assertThat(http.post("/api/v1/cooperatives/" + cooperativeId + "/striking-off", clerk07, null).status())
                .isEqualTo(200);
        Response struckOff = http.post(cooperative, clerk07, Map.of("phone", "+212600000003"));
        assertProblem(struckOff, 409, "/problems/rule-violation", null);
        assertThat(struckOff.rule()).isEqualTo("cooperative-struck-off");
    }

    @Test
    void anEnterpriseIsAmendedByItsRegionsClerk_itsSupervisorStays() {
        String supervisor = registerArtisan();
        String enterpriseId = http.post("/api/v1/enterprises", clerk07, enterprise(supervisor))
                .body().get("enterpriseId").asText();
        Response amended = http.post("/api/v1/enterprises/" + enterpriseId + "/amendments", clerk07,
                Map.of("address", "Zone industrielle Sidi Ghanem 12, Marrakech", "activityCodes", List.of("B05-002")));

        assertThat(amended.status()).as(amended.body().toString()).isEqualTo(200);
        assertThat(amended.body().get("enterpriseId").asText()).isEqualTo(enterpriseId);
        assertThat(amended.body().get("amendedFields").toString()).isEqualTo("[\"address\"]");
        EnterpriseDetailsAmended details = (EnterpriseDetailsAmended) events(enterpriseId).get(1).getPayload();
        assertThat(details.name()).isNull();
        assertThat(details.activityCodes()).isNull();
        assertThat(vault.open(details.representative()).orElseThrow().address())
                .isEqualTo("Zone industrielle Sidi Ghanem 12, Marrakech");
        assertThat(events(enterpriseId).get(1).getMetaData()).doesNotContainKey(StatedReason.REASON);
        assertProblem(http.post("/api/v1/enterprises/" + enterpriseId + "/amendments",
                http.token("clerk-fes", "CHAMBER_CLERK", "MA-03"), Map.of("phone", "+212600000003")), 403,
                "/problems/forbidden", null);
    }

    private static void assertProblem(Response response, int status, String type, String field) {
        assertThat(response.status()).as(response.body().toString()).isEqualTo(status);
        assertThat(response.type()).isEqualTo(type);
        assertThat(response.contentType()).startsWith("application/problem+json");
        if (field != null) {
            assertThat(response.body().path("errors").findValuesAsText("field")).contains(field);
        }
    }

    private String registerArtisan() {
        return registerArtisan(clerk07, "MA-MAR");
    }

    private String registerArtisan(String clerk, String province) {
        Map<String, Object> body = representative();
        body.put("provinceCode", province);
        body.put("activityCode", "B05-002");
        body.put("qualification", Map.of("route", "EXPERIENCE", "yearsOfPractice", 12));
        Response response = http.post("/api/v1/artisans", clerk, body);
        assertThat(response.status()).as(response.body().toString()).isEqualTo(201);
        return response.body().get("artisanId").asText();
    }

    private static Map<String, Object> cooperative(String province, List<String> activities) {
        Map<String, Object> body = representative();
        body.put("name", Map.of("ar", "تعاونية الزربية الحوزية", "fr", "Coopérative du tapis du Haouz"));
        body.put("provinceCode", province);
        body.put("activityCodes", activities);
        return body;
    }

    private static Map<String, Object> enterprise(String supervisor) {
        Map<String, Object> body = representative();
        body.put("name", Map.of("ar", "مقاولة القفطان المراكشي", "fr", "Ateliers du caftan de Marrakech SARL"));
        body.put("provinceCode", "MA-MAR");
        body.put("activityCodes", List.of("B05-002"));
        body.put("supervisingArtisanId", supervisor);
        return body;
    }

    private static Map<String, Object> representative() {
        return Requests.person(Requests.uniqueCin("CE"), "1979-05-14", "Douar Tameslohte, Al Haouz");
    }

    private List<? extends DomainEventMessage<?>> events(String aggregateId) {
        return eventStore.readEvents(aggregateId).asStream().toList();
    }

    private long eventCount() {
        try (var events = storageEngine.readEvents(null, false)) {
            return events.count();
        }
    }
}
