package ma.crafts.register.query;

import static ma.crafts.register.values.SealedText.recordedInClear;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import ma.crafts.register.eventstore.AppendReceipts;
import ma.crafts.register.eventstore.TrackingProgress;
import ma.crafts.register.events.artisan.ArtisanJoinedProfessionalBody;
import ma.crafts.register.events.artisan.ArtisanRegistered;
import ma.crafts.register.events.artisan.ArtisanReinstated;
import ma.crafts.register.events.artisan.ArtisanSuspended;
import ma.crafts.register.events.artisan.CardIssued;
import ma.crafts.register.events.body.ProfessionalBodyAffiliated;
import ma.crafts.register.events.enterprise.ChamberNotificationIssued;
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
import ma.crafts.register.values.BodyLevel;
import ma.crafts.register.values.Gender;
import ma.crafts.register.values.LocalizedText;
import ma.crafts.register.values.PersonalData;
import ma.crafts.register.values.QualificationRoute;
import ma.crafts.register.values.RegisteredQualification;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeAll;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The query API over real HTTP on a random port, with dev tokens, the Mongo event store and the tracking processors
 * of the query side on an embedded mongo-java-server. Events are appended to the event store as the command side
 * would append them (with recordedBy/chamber metadata); every read that depends on them passes the last position as
 * {@code ?minPosition}, which is itself under test.
 */
@QueryRestContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryRestTest {

    private static final LocalizedText FATIMA = new LocalizedText("فاطمة", "Fatima");
    private static final LocalizedText ZAHRA = new LocalizedText("الزهراء", "Zahra");
    private static final LocalDate FAR_FUTURE = LocalDate.parse("2099-12-31");
    private static final String FATIMAS_CHECK_CODE = "fatimasCardCheckCode01";
    private static final String ERASED_HOLDERS_CHECK_CODE = "erasedHoldersCheckCode";

    @LocalServerPort
    int port;
    @Autowired
    EventStore eventStore;
    @Autowired
    PersonalDataVault vault;
    @Autowired
    org.axonframework.config.Configuration axon;
    @Autowired
    TrackingProgress progress;

    private HttpApi api;
    private long lastPosition;
    private final List<String> bulk = new ArrayList<>();

    private Callers as;

    @BeforeAll
    void seed() {
        api = new HttpApi(port);
        as = Callers.of(api);
        definePrograms();

        // Fatima: registered, card, body, suspended and reinstated.
        append("a-fatima", 0, "2024-01-10T09:00:00Z",
                registration("a-fatima", "MA-MAR", "MA-07", "B01", "EE123456", FATIMA, ZAHRA));
        append("a-fatima", 1, "2024-06-01T09:00:00Z",
                new CardIssued("a-fatima", "MA07-C-0001", LocalDate.parse("2024-06-01"), FAR_FUTURE,
                        FATIMAS_CHECK_CODE));
        append("a-fatima", 2, "2024-06-02T09:00:00Z",
                new ArtisanJoinedProfessionalBody("a-fatima", "body-pottery-mar", "B01", LocalDate.parse("2024-06-02")));
        append("a-fatima", 3, "2025-02-01T09:00:00Z", new ArtisanSuspended("a-fatima", recordedInClear("a-fatima", "inquiry")));
        append("a-fatima", 4, "2025-03-01T09:00:00Z", new ArtisanReinstated("a-fatima", recordedInClear("a-fatima", "inquiry closed")));
        // Youssef, in Rabat, with a card that expired at the end of 2025.
        append("a-youssef", 0, "2024-02-01T09:00:00Z", registration("a-youssef", "MA-RAB", "MA-04", "B06", "AB12345",
                new LocalizedText("يوسف", "Youssef"), new LocalizedText("العلوي", "Alaoui")));
        append("a-youssef", 1, "2024-02-02T09:00:00Z",
                new CardIssued("a-youssef", "MA04-C-0002", LocalDate.parse("2024-02-02"), LocalDate.parse("2025-12-31"), null));
        // Amina: a card still within its dates, but she is suspended.
        append("a-amina", 0, "2024-03-01T09:00:00Z", registration("a-amina", "MA-MAR", "MA-07", "B01", "EE654321",
                new LocalizedText("أمينة", "Amina"), new LocalizedText("بناني", "Bennani")));
        append("a-amina", 1, "2024-03-02T09:00:00Z",
                new CardIssued("a-amina", "MA07-C-0003", LocalDate.parse("2024-03-02"), FAR_FUTURE, null));
        append("a-amina", 2, "2024-09-01T09:00:00Z", new ArtisanSuspended("a-amina", recordedInClear("a-amina", "inquiry")));
        // Erased: personal data crypto-shredded after registration.
        append("a-erased", 0, "2024-04-01T09:00:00Z", registration("a-erased", "MA-SAF", "MA-07", "B01", "JK1111",
                new LocalizedText("سعيد", "Said"), new LocalizedText("ناصري", "Nassiri")));
        append("a-erased", 1, "2024-04-02T09:00:00Z",
                new CardIssued("a-erased", "MA07-C-0004", LocalDate.parse("2024-04-02"), FAR_FUTURE,
                        ERASED_HOLDERS_CHECK_CODE));
        vault.erase("a-erased");
        // An enterprise of Marrakech-Safi whose supervisor was struck off: a notice to that region's chamber.
        eventStore.publish(new GenericDomainEventMessage<>("Enterprise", "e-caftan", 1,
                new ChamberNotificationIssued("n-caftan", "MA-07", "e-caftan",
                        ChamberNotificationIssued.ENTERPRISE_NON_COMPLIANT,
                        new LocalizedText("لم تعد المقاولة مستوفية لشروط تسجيلها",
                                "L'entreprise ne remplit plus la condition")),
                Map.of("recordedBy", "system", "chamber", "MA"), UUID.randomUUID().toString(),
                Instant.parse("2025-04-01T09:00:00Z")));
        // 25 weavers of Essaouira, for paging.
        for (int i = 0; i < 25; i++) {
            String id = "a-weaver-" + String.format("%02d", i);
            bulk.add(id);
            append(id, 0, "2024-05-01T09:00:00Z", registration(id, "MA-ESI", "MA-07", "B04", "WV" + (1000 + i),
                    new LocalizedText("نسّاج", "Tisserand"), new LocalizedText("الصويري", "Souiri")));
        }
    }

    private ArtisanRegistered registration(String id, String province, String region, String branch, String cin,
                                           LocalizedText first, LocalizedText last) {
        PersonalData data = new PersonalData(cin, first, last, LocalDate.parse("1984-03-02"), "+212612345678",
                "Derb Dabachi 12, مراكش");
        return new ArtisanRegistered(id, "NIA-" + id, province, region, branch + "-001", branch, "2021-provisional-1",
                Gender.F, new RegisteredQualification(QualificationRoute.EXPERIENCE, 12, null), ArtisanCategory.MASTER_ARTISAN,
                vault.seal(id, data));
    }

    private void append(String artisanId, long sequence, String at, Object payload) {
        publish("Artisan", artisanId, sequence, at, payload, "clerk-07", "MA-07");
    }

    private void publish(String type, String id, long sequence, String at, Object payload, String recordedBy,
                         String chamber) {
        eventStore.publish(new GenericDomainEventMessage<>(type, id, sequence, payload,
                Map.of("recordedBy", recordedBy, "chamber", chamber, "correlationId", "corr-" + id + "-" + sequence),
                UUID.randomUUID().toString(), Instant.parse(at)));
        lastPosition = AppendReceipts.lastOnThisThread().orElseThrow().lastPosition();
    }

    private TrackingEventProcessor artisanProcessor() {
        return axon.eventProcessingConfiguration()
                .eventProcessor(QueryProcessors.ARTISAN_PROJECTIONS, TrackingEventProcessor.class)
                .orElseThrow();
    }

    /** A public card check at {@code lastPosition}; an authenticated read waits for it first, as anonymous ones don't. */
    private Response cardCheck(String cardNumber) {
        assertThat(view("a-fatima", as.auditor()).status()).isEqualTo(200);
        return api.get("/api/v1/cards/" + cardNumber + "/verification?minPosition=" + lastPosition, null);
    }

    private static EligibilityRule rule(String name, ConditionType type, boolean provisional, String... values) {
        return new EligibilityRule(name, type, List.of(values), null, null, null, null, provisional, null);
    }

    /**
     * Programmes as the command side's seed and a later revision record them: WOMEN-FAIR's version 2 adds five
     * years of registration from 1 June 2025 on.
     */
    private void definePrograms() {
        Instant seeded = Instant.parse("2024-01-01T00:00:00Z");
        publish("Programme", "AMO-NON-TAXED", 0, "2024-01-01T00:00:00Z", new ProgrammeDefined("AMO-NON-TAXED", seeded,
                new ProgrammeTerms("CNSS", new LocalizedText("التأمين الإجباري عن المرض", "AMO"), false, null,
                        List.of(rule("rna-status-active", ConditionType.STATUS_IS, false, "ACTIVE"))), "seed"),
                "system", "MA");
        publish("Programme", "ONCF", 0, "2024-01-01T00:00:00Z", new ProgrammeDefined("ONCF", seeded,
                new ProgrammeTerms("ONCF", new LocalizedText("تخفيضات النقل السككي", "Réductions ONCF"), true, null,
                        List.of(rule("valid-professional-card", ConditionType.HAS_VALID_CARD, true))), "seed"),
                "system", "MA");
        ProgrammeTerms fair = new ProgrammeTerms("Maison de l'Artisan", new LocalizedText("معرض الصانعات", "Salon des artisanes"),
                false, null, List.of(rule("women", ConditionType.GENDER_IS, false, "F"),
                rule("active", ConditionType.STATUS_IS, false, "ACTIVE")));
        publish("Programme", "WOMEN-FAIR", 0, "2024-01-01T00:00:00Z",
                new ProgrammeDefined("WOMEN-FAIR", seeded, fair, "seed"), "system", "MA");
        List<EligibilityRule> seniority = new ArrayList<>(fair.rules());
        seniority.add(new EligibilityRule("five-years-registered", ConditionType.REGISTERED_FOR_AT_LEAST_MONTHS,
                List.of(), null, 60, null, null, false, null));
        publish("Programme", "WOMEN-FAIR", 1, "2025-05-20T10:00:00Z", new ProgrammeRevised("WOMEN-FAIR", 2,
                Instant.parse("2025-06-01T00:00:00Z"), new ProgrammeTerms(fair.partner(), fair.name(), false, null,
                seniority), "places are scarce"), "admin-1", "MA");
    }

    private Response view(String artisanId, String token) {
        return api.get("/api/v1/artisans/" + artisanId + "?minPosition=" + lastPosition, token);
    }

    @Test
    void theViewShowsNamesPerRole() {
        Response full = view("a-fatima", as.auditor());
        assertThat(full.status()).isEqualTo(200);
        JsonNode body = full.body();
        assertThat(body.get("artisanId").asText()).isEqualTo("a-fatima");
        assertThat(body.get("nia").asText()).isEqualTo("NIA-a-fatima");
        assertThat(body.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(body.get("category").asText()).isEqualTo("MASTER_ARTISAN");
        assertThat(body.get("firstName").get("ar").asText()).isEqualTo("فاطمة");
        assertThat(body.get("firstName").get("fr").asText()).isEqualTo("Fatima");
        assertThat(body.get("lastName").get("ar").asText()).isEqualTo("الزهراء");
        assertThat(body.get("gender").asText()).isEqualTo("F");
        assertThat(body.get("provinceCode").asText()).isEqualTo("MA-MAR");
        assertThat(body.get("regionCode").asText()).isEqualTo("MA-07");
        assertThat(body.get("activityCode").asText()).isEqualTo("B01-001");
        assertThat(body.get("branchCode").asText()).isEqualTo("B01");
        assertThat(body.get("card").get("cardNumber").asText()).isEqualTo("MA07-C-0001");
        assertThat(body.get("card").get("status").asText()).isEqualTo("VALID");
        assertThat(body.get("card").get("validUntil").asText()).isEqualTo("2099-12-31");
        assertThat(body.get("memberships").get(0).get("bodyId").asText()).isEqualTo("body-pottery-mar");
        assertThat(body.get("memberships").get(0).get("since").asText()).isEqualTo("2024-06-02");
        assertThat(body.get("version").asLong()).isEqualTo(4);
        assertThat(body.get("masked").asBoolean()).isFalse();
        assertThat(body.get("personalDataErased").asBoolean()).isFalse();
        assertThat(body.has("cin")).isFalse();
        assertThat(full.contentType()).startsWith("application/json");

        assertThat(view("a-fatima",
                as.admin()).status()).as("a registry administrator reads no artisan").isEqualTo(403);
        assertThat(view("a-fatima", as.clerk07()).body().get("lastName").get("ar").asText()).isEqualTo("الزهراء");
        JsonNode clerksPersonalData = view("a-fatima", as.clerk07()).body().get("personalData");
        assertThat(clerksPersonalData.get("cin").asText()).isEqualTo("EE123456");
        assertThat(clerksPersonalData.get("birthDate").asText()).isEqualTo("1984-03-02");
        assertThat(clerksPersonalData.get("phone").asText()).isEqualTo("+212612345678");
        assertThat(clerksPersonalData.get("address").asText()).isEqualTo("Derb Dabachi 12, مراكش");
        assertThat(body.get("personalData").get("cin").asText()).as("the auditor").isEqualTo("EE123456");

        JsonNode masked = view("a-fatima", as.analyst()).body();
        assertThat(masked.get("masked").asBoolean()).isTrue();
        assertThat(masked.get("firstName").get("ar").asText()).isEqualTo("ف.");
        assertThat(masked.get("firstName").get("fr").asText()).isEqualTo("F.");
        assertThat(masked.get("lastName").get("fr").asText()).isEqualTo("Z.");
        assertThat(masked.toString()).doesNotContain("Fatima").doesNotContain("فاطمة");
        assertThat(masked.has("personalData")).isFalse();

        Response otherRegion = view("a-fatima", as.clerk04());
        assertThat(otherRegion.status()).isEqualTo(403);
        assertThat(otherRegion.contentType()).startsWith("application/problem+json");
        assertThat(otherRegion.body().get("type").asText()).isEqualTo("/problems/forbidden");
        assertThat(view("a-youssef", as.clerk04()).status()).isEqualTo(200);

        Response anonymous = view("a-fatima", null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.body().get("type").asText()).isEqualTo("/problems/unauthenticated");

        Response unknown = view("a-nobody", as.auditor());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().get("type").asText()).isEqualTo("/problems/not-found");
    }

    @Test
    void erasedPersonalDataShowsAsNull() {
        JsonNode body = view("a-erased", as.auditor()).body();
        assertThat(body.get("personalDataErased").asBoolean()).isTrue();
        assertThat(body.get("firstName").isNull()).isTrue();
        assertThat(body.get("lastName").isNull()).isTrue();
        assertThat(body.get("nia").asText()).isEqualTo("NIA-a-erased");
        assertThat(body.has("personalData")).isFalse();

        assertThat(cardCheck("MA07-C-0004").body().get("valid").asBoolean()).isTrue();
        JsonNode check = api.get("/api/v1/card-checks/" + ERASED_HOLDERS_CHECK_CODE, null).body();
        assertThat(check.get("valid").asBoolean()).isTrue();
        assertThat(check.get("holderInitials").isNull()).isTrue();
    }

    @Test
    void theCardsCheckCodeTellsWhoeverScansItTheHoldersInitialsActivityAndProgrammes() {
        assertThat(cardCheck("MA07-C-0001").status()).isEqualTo(200);
        Response scanned = api.get("/api/v1/card-checks/" + FATIMAS_CHECK_CODE, null);
        assertThat(scanned.status()).isEqualTo(200);
        JsonNode body = scanned.body();
        assertThat(body.get("valid").asBoolean()).isTrue();
        assertThat(body.get("status").asText()).isEqualTo("VALID");
        assertThat(body.get("validUntil").asText()).isEqualTo("2099-12-31");
        assertThat(body.get("activityCode").asText()).isEqualTo("B01-001");
        assertThat(body.get("holderInitials").asText()).isEqualTo("F. Z.");
        List<String> programmes = new ArrayList<>();
        body.get("eligibleProgrammes").forEach(p -> programmes.add(p.asText()));
        List<String> eligible = new ArrayList<>();
        api.get("/api/v1/artisans/a-fatima/eligibility", as.auditor()).body().forEach(verdict -> {
            if (verdict.get("eligible").asBoolean()) {
                eligible.add(verdict.get("programId").asText());
            }
        });
        assertThat(programmes).isNotEmpty().containsExactlyInAnyOrderElementsOf(eligible);

        Response unknown = api.get("/api/v1/card-checks/unknownCardCheckCode00", null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().get("type").asText()).isEqualTo("/problems/not-found");
        assertThat(api.get("/api/v1/card-checks/MA07-C-0001", null).status()).isEqualTo(400);
    }

    @Test
    void theCardDocumentIsPrintedForTheHoldersChamberAndAuditorsOnly() throws Exception {
        assertThat(cardCheck("MA07-C-0001").status()).isEqualTo(200);
        String document = "/api/v1/cards/MA07-C-0001/document";
        for (String reader : List.of(as.clerk07(), as.auditor())) {
            Response pdf = api.get(document, reader, "application/pdf");
            assertThat(pdf.status()).isEqualTo(200);
            assertThat(pdf.contentType()).isEqualTo("application/pdf");
            try (PDDocument printed = Loader.loadPDF(pdf.raw().body())) {
                String text = new PDFTextStripper().getText(printed);
                assertThat(text).contains("Fatima Zahra", "NIA-a-fatima", "MA07-C-0001", "Marrakech");
            }
        }
        assertThat(api.get(document, null, "application/pdf").status()).isEqualTo(401);
        for (String outsider : List.of(as.clerk04(), as.analyst(), as.admin())) {
            Response refused = api.get(document, outsider, "application/pdf");
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.body().get("type").asText()).isEqualTo("/problems/forbidden");
        }
        assertThat(api.get("/api/v1/cards/MA07-C-9999/document",
                as.auditor(), "application/pdf").status()).isEqualTo(404);
        Response suspendedHolder = api.get("/api/v1/cards/MA07-C-0003/document", as.auditor(), "application/pdf");
        assertThat(suspendedHolder.body().get("rule").asText()).isEqualTo("card-not-valid");
        Response erased = api.get("/api/v1/cards/MA07-C-0004/document", as.auditor(), "application/pdf");
        assertThat(erased.body().get("rule").asText()).isEqualTo("personal-data-erased");
    }

    @Test
    void asOfRebuildsThePastFromEvents() {
        Response before = api.get("/api/v1/artisans/a-fatima?asOf=2024-01-09T00:00:00Z", as.auditor());
        assertThat(before.status()).isEqualTo(404);
        assertThat(before.body().get("type").asText()).isEqualTo("/problems/not-found");

        JsonNode registered = api.get("/api/v1/artisans/a-fatima?asOf=2024-03-01T00:00:00Z", as.auditor()).body();
        assertThat(registered.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(registered.get("card").isNull()).isTrue();
        assertThat(registered.get("version").asLong()).isZero();
        assertThat(registered.get("asOf").asText()).isEqualTo("2024-03-01T00:00:00Z");
        assertThat(registered.get("firstName").get("ar").asText()).isEqualTo("فاطمة");

        JsonNode suspended = api.get("/api/v1/artisans/a-fatima?asOf=2025-02-15T12:00:00Z", as.analyst()).body();
        assertThat(suspended.get("status").asText()).isEqualTo("SUSPENDED");
        assertThat(suspended.get("card").get("cardNumber").asText()).isEqualTo("MA07-C-0001");
        assertThat(suspended.get("card").get("valid").asBoolean()).isFalse();
        assertThat(suspended.get("masked").asBoolean()).isTrue();
        assertThat(suspended.get("version").asLong()).isEqualTo(3);

        // Youssef's card was valid on its last day and expired the day after.
        JsonNode lastDay = api.get("/api/v1/artisans/a-youssef?asOf=2025-12-31T12:00:00Z", as.clerk04()).body();
        assertThat(lastDay.get("card").get("status").asText()).isEqualTo("VALID");
        JsonNode now = view("a-youssef", as.clerk04()).body();
        assertThat(now.get("card").get("status").asText()).isEqualTo("EXPIRED");
        assertThat(now.get("card").get("valid").asBoolean()).isFalse();

        assertThat(api.get("/api/v1/artisans/a-fatima?asOf=2025-02-15T12:00:00Z",
                as.clerk04()).status()).isEqualTo(403);

        Response malformed = api.get("/api/v1/artisans/a-fatima?asOf=yesterday", as.auditor());
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body().get("type").asText()).isEqualTo("/problems/validation");
        assertThat(malformed.body().get("errors").get(0).get("field").asText()).isEqualTo("asOf");
    }

    @Test
    void minPositionNotYetAppliedWaitsThenAnswers503() {
        TrackingEventProcessor processor = artisanProcessor();
        processor.shutDown();
        try {
            // An event no projection of this side folds, so the other tests' views stay as seeded.
            eventStore.publish(new GenericDomainEventMessage<>("ProfessionalBody", "body-unseen", 0,
                    new ProfessionalBodyAffiliated("body-unseen", BodyLevel.PROVINCIAL, "body-regional",
                            BodyLevel.REGIONAL, "B01"), Map.of("recordedBy", "admin-1", "chamber", "MA")));
            long notYetApplied = AppendReceipts.lastOnThisThread().orElseThrow().lastPosition();
            for (String path : List.of("/api/v1/artisans/a-fatima", "/api/v1/artisans/a-fatima/eligibility",
                    "/api/v1/artisans?regionCode=MA-07")) {
                Response lagging = api.get(path + (path.contains("?") ? "&" : "?") + "minPosition=" + notYetApplied,
                        as.auditor());
                assertThat(lagging.status()).as(path).isEqualTo(503);
                assertThat(lagging.contentType()).startsWith("application/problem+json");
                assertThat(lagging.header("Retry-After")).isEqualTo("1");
                assertThat(lagging.body().get("type").asText()).isEqualTo("/problems/service-unavailable");
            }
            long start = System.nanoTime();
            Response anonymous = api.get("/api/v1/cards/MA07-C-0001/verification?minPosition=" + notYetApplied, null);
            assertThat(anonymous.status()).as("a caller without a token does not wait").isEqualTo(503);
            assertThat(anonymous.header("Retry-After")).isEqualTo("1");
            assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofMillis(400));

            start = System.nanoTime();
            assertThat(api.get("/api/v1/artisans/a-fatima?minPosition=" + notYetApplied, as.admin()).status())
                    .as("a role that reads no artisan is refused before any wait").isEqualTo(403);
            assertThat(api.get("/api/v1/artisans/a-fatima/history?minPosition=" + notYetApplied, as.admin()).status())
                    .isEqualTo(403);
            assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofMillis(400));
        } finally {
            processor.start();
        }
    }

    @Test
    void minPositionBeyondTheStoreIs400ForEveryCaller() {
        long beyondHead = lastPosition + 1_000_000;
        for (String path : List.of("/api/v1/artisans/a-fatima", "/api/v1/artisans/a-fatima/eligibility",
                "/api/v1/artisans?regionCode=MA-07", "/api/v1/artisans/a-fatima/history",
                "/api/v1/cards/MA07-C-0001/verification")) {
            Response beyond = api.get(path + (path.contains("?") ? "&" : "?") + "minPosition=" + beyondHead,
                    as.auditor());
            assertThat(beyond.status()).as(path).isEqualTo(400);
            assertThat(beyond.contentType()).startsWith("application/problem+json");
            assertThat(beyond.body().get("errors").get(0).get("field").asText()).isEqualTo("minPosition");
        }
        Response bad = api.get("/api/v1/artisans/a-fatima?minPosition=-3", as.auditor());
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().get("errors").get(0).get("field").asText()).isEqualTo("minPosition");
        assertThat(api.get("/api/v1/artisans/a-fatima?minPosition=abc", as.auditor()).status()).isEqualTo(400);
    }

    @Test
    void historyShowsPersonalDataToAuditorsOnly() {
        Response audit = api.get("/api/v1/artisans/a-fatima/history?minPosition=" + lastPosition, as.auditor());
        assertThat(audit.status()).isEqualTo(200);
        JsonNode items = audit.body().get("items");
        assertThat(items).hasSize(5);
        assertThat(audit.body().get("total").asLong()).isEqualTo(5);
        List<String> types = new ArrayList<>();
        long previous = -1;
        for (JsonNode item : items) {
            types.add(item.get("type").asText());
            assertThat(item.get("position").asLong()).isGreaterThan(previous);
            previous = item.get("position").asLong();
            assertThat(item.get("recordedBy").asText()).isEqualTo("clerk-07");
            assertThat(item.get("chamber").asText()).isEqualTo("MA-07");
            assertThat(item.get("correlationId").asText()).startsWith("corr-a-fatima-");
        }
        assertThat(types).containsExactly("ArtisanRegistered", "CardIssued", "ArtisanJoinedProfessionalBody",
                "ArtisanSuspended", "ArtisanReinstated");
        assertThat(items.get(0).get("sequence").asLong()).isZero();
        assertThat(items.get(0).get("occurredAt").asText()).isEqualTo("2024-01-10T09:00:00Z");
        JsonNode personal = items.get(0).get("payload").get("personalData");
        assertThat(personal.get("cin").asText()).isEqualTo("EE123456");
        assertThat(personal.get("firstName").get("ar").asText()).isEqualTo("فاطمة");
        assertThat(items.get(3).get("payload").get("reason").asText()).isEqualTo("inquiry");

        JsonNode masked = api.get("/api/v1/artisans/a-fatima/history", as.analyst()).body().get("items");
        assertThat(masked.get(0).get("payload").get("personalData").asText()).isEqualTo("***");
        assertThat(masked.toString()).doesNotContain("EE123456").doesNotContain("Fatima").doesNotContain("ciphertext");
        assertThat(masked.get(3).get("payload").get("reason").asText())
                .as("free text about one person, for a caller who sees personal data masked").isEqualTo("***");
        JsonNode regionsClerk = api.get("/api/v1/artisans/a-fatima/history", as.clerk07()).body().get("items");
        assertThat(regionsClerk.toString()).as("the region's clerk reads the history masked, as the contract says")
                .isEqualTo(masked.toString());
        assertThat(api.get("/api/v1/artisans/a-fatima/history", as.clerk04()).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/artisans/a-fatima/history", as.admin()).status()).isEqualTo(403);

        JsonNode erased = api.get("/api/v1/artisans/a-erased/history", as.auditor()).body().get("items");
        assertThat(erased.get(0).get("payload").get("personalData").isNull()).isTrue();
        assertThat(erased.get(0).get("personalDataErased").asBoolean()).isTrue();
    }

    @Test
    void searchPagesThroughABucket() {
        String query = "/api/v1/artisans?provinceCode=MA-ESI&branchCode=B04&status=ACTIVE&size=10&minPosition="
                + lastPosition;
        Set<String> seen = new HashSet<>();
        List<String> order = new ArrayList<>();
        for (int page = 0; page < 3; page++) {
            Response response = api.get(query + "&page=" + page, as.analyst());
            assertThat(response.status()).isEqualTo(200);
            JsonNode body = response.body();
            assertThat(body.get("total").asLong()).isEqualTo(25);
            assertThat(body.get("page").asInt()).isEqualTo(page);
            assertThat(body.get("size").asInt()).isEqualTo(10);
            assertThat(body.get("items")).hasSize(page < 2 ? 10 : 5);
            for (JsonNode item : body.get("items")) {
                assertThat(item.get("provinceCode").asText()).isEqualTo("MA-ESI");
                assertThat(item.has("firstName")).isFalse();
                seen.add(item.get("artisanId").asText());
                order.add(item.get("artisanId").asText());
            }
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(bulk);
        assertThat(order).containsExactlyElementsOf(bulk);
        assertThat(api.get(query + "&page=3", as.analyst()).body().get("items")).isEmpty();

        JsonNode defaults = api.get("/api/v1/artisans?regionCode=MA-07&minPosition=" + lastPosition,
                as.auditor()).body();
        assertThat(defaults.get("size").asInt()).isEqualTo(20);
        assertThat(defaults.get("page").asInt()).isZero();
        assertThat(defaults.get("total").asLong()).isEqualTo(28);
        JsonNode suspended = api.get("/api/v1/artisans?regionCode=MA-07&status=SUSPENDED", as.auditor()).body();
        assertThat(suspended.get("items").get(0).get("artisanId").asText()).isEqualTo("a-amina");
        assertThat(suspended.get("total").asLong()).isEqualTo(1);

        // Clerks: own region by default, 403 for another.
        JsonNode rabat = api.get("/api/v1/artisans?minPosition=" + lastPosition, as.clerk04()).body();
        assertThat(rabat.get("total").asLong()).isEqualTo(1);
        assertThat(rabat.get("items").get(0).get("artisanId").asText()).isEqualTo("a-youssef");
        Response foreign = api.get("/api/v1/artisans?regionCode=MA-07", as.clerk04());
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(api.get("/api/v1/artisans?provinceCode=MA-MAR", as.clerk04()).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/artisans?regionCode=MA-07", as.admin()).status()).isEqualTo(403);

        Response invalid = api.get("/api/v1/artisans?size=101&status=ASLEEP&regionCode=MA-04&provinceCode=MA-MAR",
                as.auditor());
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body().get("type").asText()).isEqualTo("/problems/validation");
        List<String> fields = new ArrayList<>();
        invalid.body().get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertThat(fields).contains("size", "status", "provinceCode");
        assertThat(api.get("/api/v1/artisans?page=-1", as.auditor()).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/artisans?branchCode=B99", as.auditor()).status()).isEqualTo(400);
    }

    @Test
    void notificationsAreReadByTheirRegionsClerksAndNationalRoles() {
        Response own = api.get("/api/v1/notifications?minPosition=" + lastPosition, as.clerk07());
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.body().get("total").asLong()).isEqualTo(1);
        JsonNode notice = own.body().get("items").get(0);
        assertThat(notice.get("notificationId").asText()).isEqualTo("n-caftan");
        assertThat(notice.get("regionCode").asText()).isEqualTo("MA-07");
        assertThat(notice.get("topic").asText()).isEqualTo(ChamberNotificationIssued.ENTERPRISE_NON_COMPLIANT);
        assertThat(notice.get("message").get("ar").asText()).isEqualTo("لم تعد المقاولة مستوفية لشروط تسجيلها");
        assertThat(notice.get("issuedAt").asText()).isEqualTo("2025-04-01T09:00:00Z");

        assertThat(api.get("/api/v1/notifications", as.clerk04()).body().get("total").asLong()).isZero();
        Response foreign = api.get("/api/v1/notifications?regionCode=MA-07", as.clerk04());
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.body().get("type").asText()).isEqualTo("/problems/forbidden");
        assertThat(api.get("/api/v1/notifications?regionCode=MA-07",
                as.analyst()).body().get("total").asLong()).isEqualTo(1);
        assertThat(api.get("/api/v1/notifications?regionCode=MA-04",
                as.auditor()).body().get("total").asLong()).isZero();
        assertThat(api.get("/api/v1/notifications", null).status()).isEqualTo(401);
        Response invalid = api.get("/api/v1/notifications?regionCode=MA-99&size=0", as.auditor());
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body().get("errors")).hasSize(2);
    }

    @Test
    void cardVerificationIsPublicAndMinimal() {
        Response valid = cardCheck("MA07-C-0001");
        assertThat(valid.status()).isEqualTo(200);
        JsonNode body = valid.body();
        assertThat(body.get("valid").asBoolean()).isTrue();
        assertThat(body.get("status").asText()).isEqualTo("VALID");
        assertThat(body.get("validUntil").asText()).isEqualTo("2099-12-31");
        List<String> fields = new ArrayList<>();
        body.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).as("a sequential number tells nothing about the holder")
                .containsExactlyInAnyOrder("valid", "status", "validUntil");

        JsonNode suspendedHolder = api.get("/api/v1/cards/MA07-C-0003/verification", null).body();
        assertThat(suspendedHolder.get("valid").asBoolean()).isFalse();
        assertThat(suspendedHolder.get("status").asText()).isEqualTo("VALID");

        JsonNode expired = api.get("/api/v1/cards/MA04-C-0002/verification", null).body();
        assertThat(expired.get("valid").asBoolean()).isFalse();
        assertThat(expired.get("status").asText()).isEqualTo("EXPIRED");

        Response unknown = api.get("/api/v1/cards/MA07-C-9999/verification", null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.body().get("type").asText()).isEqualTo("/problems/not-found");
        assertThat(api.get("/api/v1/cards/%3Cscript%3E/verification", null).status()).isEqualTo(400);
    }

    @Test
    void eligibilityExplainsEveryRuleNowAndAsOf() {
        Response now = api.get("/api/v1/artisans/a-fatima/eligibility?minPosition=" + lastPosition, as.analyst());
        assertThat(now.status()).isEqualTo(200);
        JsonNode amo = programme(now.body(), "AMO-NON-TAXED");
        assertThat(amo.get("partner").asText()).isEqualTo("CNSS");
        assertThat(amo.get("eligible").asBoolean()).isTrue();
        assertThat(amo.get("reasons").get(0).get("rule").asText()).isEqualTo("rna-status-active");
        assertThat(amo.get("reasons").get(0).get("satisfied").asBoolean()).isTrue();
        assertThat(amo.get("reasons").get(0).get("detail").get("fr").asText()).isEqualTo("statut au registre : ACTIVE");
        assertThat(amo.get("reasons").get(0).get("detail").get("ar").asText()).contains("ACTIVE")
                .matches(".*\\p{IsArabic}.*");
        assertThat(amo.get("programVersion").asInt()).isEqualTo(1);
        assertThat(amo.get("effectiveFrom").asText()).isEqualTo("2024-01-01T00:00:00Z");
        assertThat(programme(now.body(), "ONCF").get("eligible").asBoolean()).isTrue();
        assertThat(programme(now.body(), "ONCF").get("reasons").get(0).get("provisional").asBoolean()).isTrue();

        JsonNode then = api.get("/api/v1/artisans/a-fatima/eligibility?asOf=2025-02-15T12:00:00Z", as.analyst()).body();
        assertThat(programme(then, "AMO-NON-TAXED").get("eligible").asBoolean()).isFalse();
        assertThat(programme(then, "ONCF").get("eligible").asBoolean()).isFalse();

        JsonNode youssef = api.get("/api/v1/artisans/a-youssef/eligibility", as.clerk04()).body();
        assertThat(programme(youssef, "AMO-NON-TAXED").get("eligible").asBoolean()).isTrue();
        assertThat(programme(youssef, "ONCF").get("eligible").asBoolean()).isFalse();
        assertThat(api.get("/api/v1/artisans/a-fatima/eligibility", as.clerk04()).status()).isEqualTo(403);
    }

    @Test
    void aVerdictAboutThePastUsesTheVersionInForceThen() {
        JsonNode now = programme(api.get("/api/v1/artisans/a-fatima/eligibility?minPosition=" + lastPosition,
                as.analyst()).body(), "WOMEN-FAIR");
        assertThat(now.get("programVersion").asInt()).isEqualTo(2);
        assertThat(now.get("effectiveFrom").asText()).isEqualTo("2025-06-01T00:00:00Z");
        assertThat(now.get("eligible").asBoolean()).isFalse();
        assertThat(now.get("reasons")).hasSize(3);
        assertThat(now.get("reasons").get(2).get("rule").asText()).isEqualTo("five-years-registered");
        assertThat(now.get("reasons").get(2).get("satisfied").asBoolean()).isFalse();
        assertThat(now.get("reasons").get(2).get("detail").get("fr").asText()).contains("requis : au moins 60");

        // 1 April 2025: reinstated a month earlier, and the revision was not in force yet.
        JsonNode before = programme(api.get("/api/v1/artisans/a-fatima/eligibility?asOf=2025-04-01T12:00:00Z",
                as.analyst()).body(), "WOMEN-FAIR");
        assertThat(before.get("programVersion").asInt()).isEqualTo(1);
        assertThat(before.get("effectiveFrom").asText()).isEqualTo("2024-01-01T00:00:00Z");
        assertThat(before.get("eligible").asBoolean()).isTrue();
        assertThat(before.get("reasons")).extracting(r -> r.get("rule").asText()).containsExactly("women", "active");

        // Between the revision's recording and its start, the first version still applies.
        JsonNode recordedNotStarted = programme(api.get(
                "/api/v1/artisans/a-fatima/eligibility?asOf=2025-05-25T12:00:00Z", as.analyst()).body(), "WOMEN-FAIR");
        assertThat(recordedNotStarted.get("programVersion").asInt()).isEqualTo(1);
    }

    @Test
    void programmesListTheirVersionsWithWhoAndWhy() {
        Response list = api.get("/api/v1/programmes?minPosition=" + lastPosition, as.clerk04());
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).extracting(p -> p.get("programId").asText())
                .containsExactly("AMO-NON-TAXED", "ONCF", "WOMEN-FAIR");

        JsonNode fair = api.get("/api/v1/programmes/WOMEN-FAIR", as.admin()).body();
        assertThat(fair.get("latestVersion").asInt()).isEqualTo(2);
        assertThat(fair.get("inForce").get("version").asInt()).isEqualTo(2);
        assertThat(fair.get("inForce").get("rules")).hasSize(3);
        assertThat(fair.get("upcoming")).isEmpty();

        JsonNode versions = api.get("/api/v1/programmes/WOMEN-FAIR/versions", as.analyst()).body();
        assertThat(versions).hasSize(2);
        assertThat(versions.get(0).get("version").asInt()).isEqualTo(1);
        assertThat(versions.get(0).get("recordedBy").asText()).isEqualTo("system");
        assertThat(versions.get(1).get("recordedBy").asText()).isEqualTo("admin-1");
        assertThat(versions.get(1).get("reason").asText()).isEqualTo("places are scarce");
        assertThat(versions.get(1).get("recordedAt").asText()).isEqualTo("2025-05-20T10:00:00Z");
        assertThat(versions.get(1).get("rules").get(2).get("type").asText()).isEqualTo("REGISTERED_FOR_AT_LEAST_MONTHS");
        assertThat(versions.get(1).get("rules").get(2).get("months").asInt()).isEqualTo(60);

        Response unknown = api.get("/api/v1/programmes/NOPE", as.analyst());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(api.get("/api/v1/programmes", null).status()).isEqualTo(401);
    }

    private static JsonNode programme(JsonNode list, String programId) {
        for (JsonNode p : list) {
            if (p.get("programId").asText().equals(programId)) {
                return p;
            }
        }
        throw new AssertionError("no programme " + programId + " in " + list);
    }

    @Test
    void referenceDataRoundTripsArabic() {
        Response regions = api.get("/api/v1/reference/regions", as.clerk04());
        assertThat(regions.status()).isEqualTo(200);
        assertThat(regions.contentType()).contains("application/json");
        assertThat(regions.body()).hasSize(12);
        JsonNode marrakechSafi = regions.body().get(6);
        assertThat(marrakechSafi.get("code").asText()).isEqualTo("MA-07");
        assertThat(marrakechSafi.get("name").get("fr").asText()).isEqualTo("Marrakech-Safi");
        assertThat(marrakechSafi.get("name").get("ar").asText()).isEqualTo("مراكش - آسفي");
        List<String> provinces = new ArrayList<>();
        marrakechSafi.get("provinces").forEach(p -> provinces.add(p.get("code").asText()));
        assertThat(provinces).contains("MA-MAR", "MA-ESI", "MA-SAF").hasSize(8);
        assertThat(regions.text()).contains("الصويرة");

        JsonNode activities = api.get("/api/v1/reference/activities", as.analyst()).body();
        assertThat(activities.get("version").asText()).isNotBlank();
        assertThat(activities.get("provisional").isBoolean()).isTrue();
        assertThat(activities.get("categories")).hasSize(2);
        assertThat(activities.get("branches").size()).isEqualTo(13);
        assertThat(activities.get("activities").get(0).get("branchCode").asText()).isEqualTo("B01");
        assertThat(api.get("/api/v1/reference/regions", null).status()).isEqualTo(401);
    }

    @Test
    void resettingTheProcessorRebuildsTheSameViews() throws InterruptedException {
        String before = view("a-fatima", as.auditor()).text();
        String searchBefore = api.get("/api/v1/artisans?regionCode=MA-07&size=100&minPosition=" + lastPosition,
                as.auditor()).text();
        TrackingEventProcessor processor = artisanProcessor();
        assertThat(processor.supportsReset()).isTrue();

        processor.shutDown();
        processor.resetTokens();
        processor.start();

        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (!(progress.hasApplied(QueryProcessors.ARTISAN_PROJECTIONS, lastPosition) && !processor.isReplaying())) {
            assertThat(System.nanoTime()).as("replay finished in time").isLessThan(deadline);
            Thread.sleep(20);
        }
        assertThat(view("a-fatima", as.auditor()).text()).isEqualTo(before);
        assertThat(api.get("/api/v1/artisans?regionCode=MA-07&size=100&minPosition=" + lastPosition,
                as.auditor()).text())
                .isEqualTo(searchBefore);
        assertThat(api.get("/api/v1/cards/MA07-C-0003/verification", null).body().get("valid").asBoolean()).isFalse();
    }

    @Test
    void openApiDocumentsTheQueryContract() {
        Response docs = api.get("/v3/api-docs", null);
        assertThat(docs.status()).isEqualTo(200);
        JsonNode paths = docs.body().get("paths");
        assertThat(paths.has("/api/v1/artisans/{artisanId}")).isTrue();
        assertThat(paths.has("/api/v1/artisans")).isTrue();
        assertThat(paths.has("/api/v1/artisans/{artisanId}/history")).isTrue();
        assertThat(paths.has("/api/v1/artisans/{artisanId}/eligibility")).isTrue();
        assertThat(paths.has("/api/v1/cards/{cardNumber}/verification")).isTrue();
        assertThat(paths.has("/api/v1/reference/regions")).isTrue();
        assertThat(paths.has("/api/v1/reference/activities")).isTrue();
        assertThat(paths.has("/api/v1/notifications")).isTrue();
        for (String listing : List.of("/api/v1/artisans", "/api/v1/notifications")) {
            JsonNode operation = paths.get(listing).get("get");
            Map<String, JsonNode> byName = new HashMap<>();
            operation.get("parameters").forEach(p -> byName.put(p.get("name").asText(), p));
            assertThat(byName).containsKeys("regionCode", "page", "size", "minPosition");
            assertThat(byName.get("size").get("schema").get("maximum").asInt()).as(listing).isEqualTo(100);
            assertThat(byName.get("page").get("description").asText()).as(listing).isEqualTo("0-based page number");
            assertThat(operation.get("responses").has("503")).as(listing).isTrue();
        }

        JsonNode view = paths.get("/api/v1/artisans/{artisanId}").get("get");
        List<String> parameters = new ArrayList<>();
        view.get("parameters").forEach(p -> parameters.add(p.get("name").asText()));
        assertThat(parameters).contains("artisanId", "asOf", "minPosition");
        assertThat(view.get("responses").has("503")).isTrue();
        assertThat(view.get("responses").has("403")).isTrue();

        JsonNode schemas = docs.body().get("components").get("schemas");
        for (String field : List.of("artisanId", "nia", "status", "category", "firstName", "lastName", "gender",
                "provinceCode", "regionCode", "activityCode", "branchCode", "card", "memberships", "version")) {
            assertThat(schemas.get("ArtisanView").get("properties").has(field)).as(field).isTrue();
        }
        assertThat(schemas.get("CardVerification").get("properties").has("holderInitials")).isFalse();
        for (String field : List.of("valid", "status", "validUntil", "activityCode", "holderInitials",
                "eligibleProgrammes")) {
            assertThat(schemas.get("CardCheck").get("properties").has(field)).as(field).isTrue();
        }
        for (String field : List.of("items", "page", "size", "total")) {
            assertThat(schemas.get("ArtisanSearchPage").get("properties").has(field)).as(field).isTrue();
            assertThat(schemas.get("NotificationPage").get("properties").has(field)).as(field).isTrue();
        }
        for (String field : List.of("position", "sequence", "type", "occurredAt", "recordedBy", "chamber",
                "correlationId", "payload")) {
            assertThat(schemas.get("HistoryItem").get("properties").has(field)).as(field).isTrue();
        }
        assertThat(schemas.get("HistoryItem").get("properties").get("payload").get("type").asText()).isEqualTo("object");
        JsonNode verification = paths.get("/api/v1/cards/{cardNumber}/verification").get("get");
        assertThat(verification.get("security")).isEmpty();
        assertThat(paths.get("/api/v1/card-checks/{code}").get("get").get("security")).isEmpty();
        assertThat(paths.get("/api/v1/cards/{cardNumber}/document").get("get").get("responses").get("200")
                .get("content").has("application/pdf")).isTrue();
    }
}
