package ma.crafts.register.query.audit;

import static ma.crafts.register.values.SealedText.recordedInClear;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ma.crafts.register.eventstore.AppendReceipts;
import ma.crafts.register.eventstore.MongoEventStorageEngine;
import ma.crafts.register.events.artisan.ArtisanDetailsAmended;
import ma.crafts.register.events.artisan.ArtisanRegistered;
import ma.crafts.register.events.artisan.ArtisanReinstated;
import ma.crafts.register.events.artisan.ArtisanRelocated;
import ma.crafts.register.events.artisan.ArtisanSuspended;
import ma.crafts.register.events.artisan.DiplomaEvidenceRecorded;
import ma.crafts.register.events.body.ProfessionalBodyAffiliated;
import ma.crafts.register.events.body.ProfessionalBodyConstituted;
import ma.crafts.register.events.cooperative.CooperativeDetailsAmended;
import ma.crafts.register.events.cooperative.CooperativeRegistered;
import ma.crafts.register.events.cooperative.CooperativeSuspended;
import ma.crafts.register.events.enterprise.EnterpriseRegistered;
import ma.crafts.register.events.enterprise.EnterpriseStruckOff;
import ma.crafts.register.events.enterprise.EnterpriseSupervisingArtisanChanged;
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
import ma.crafts.register.values.SealedPersonalData;
import ma.crafts.register.values.SealedText;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Histories over HTTP: an artisan's paging and filters, each event's trace id, reason and changes computed from the
 * folded state, and what each role sees of personal data in them; stated reasons stored in clear by an earlier version
 * or sealed, and both gone with the actor's key; a cooperative's and an enterprise's history and
 * their state as of an instant; a professional body's history, its state as of an instant and its stream's
 * verification. Events are appended as the command side appends
 * them, with the metadata its correlation data provider copies from the command.
 */
@QueryRestContext
@TestPropertySource(properties = "register.data-dir=target/history-rest-test-data")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HistoryRestTest {

    private static final String KARIM = "/api/v1/artisans/a-karim/history";
    private static final String BUSY = "/api/v1/artisans/a-busy/history";
    private static final String SEALED = "/api/v1/artisans/a-sealed/history";
    private static final String FORMER = "/api/v1/artisans/a-former";
    private static final int BUSY_SUSPENSIONS = 20;
    private static final String COOPERATIVE = "/api/v1/cooperatives/c-argan";
    private static final String ENTERPRISE = "/api/v1/enterprises/e-zellige";
    private static final String PROVINCIAL_BODY = "/api/v1/professional-bodies/body-b02-mar";
    private static final String REGIONAL_BODY = "/api/v1/professional-bodies/body-b02-07";

    @LocalServerPort
    int port;
    @Autowired
    EventStore eventStore;
    @Autowired
    PersonalDataVault vault;
    @Autowired
    MongoDatabase database;

    private HttpApi api;
    private long lastPosition;
    private Callers as;

    @BeforeAll
    void seed() {
        api = new HttpApi(port);
        as = Callers.of(api);

        // Karim: registered in Marrakech, his phone and activity amended, moved to Safi (same region), suspended.
        append("a-karim", 0, "2024-01-10T09:00:00Z", registration("a-karim", "+212600000001"), null);
        append("a-karim", 1, "2024-02-01T09:00:00Z", new ArtisanDetailsAmended("a-karim",
                List.of("phone", "activityCode"), seal("a-karim", "+212600000002"), "B01-002", "B01",
                "2021-provisional-1"), "phone number mistyped");
        append("a-karim", 2, "2024-03-01T09:00:00Z",
                new ArtisanRelocated("a-karim", "MA-MAR", "MA-07", "MA-SAF", "MA-07", null), "moved his workshop");
        append("a-karim", 3, "2024-04-01T09:00:00Z", new ArtisanSuspended("a-karim", recordedInClear("a-karim", "inquiry")), null);
        // Sealed: moved with a reason an earlier version recorded in clear, then back with one sealed under its key.
        append("a-sealed", 0, "2024-01-15T09:00:00Z", registration("a-sealed", "+212600000004"), null);
        append("a-sealed", 1, "2024-02-15T09:00:00Z",
                new ArtisanRelocated("a-sealed", "MA-MAR", "MA-07", "MA-SAF", "MA-07", null), "asked by Mr Alaoui");
        append("a-sealed", 2, "2024-03-15T09:00:00Z",
                new ArtisanRelocated("a-sealed", "MA-SAF", "MA-07", "MA-MAR", "MA-07", null),
                vault.sealText("a-sealed", "back to Mr Alaoui's workshop").orElseThrow());
        // Former: recorded by a version that held reasons and references in clear in the payload (revision 1).
        MongoEventStorageEngine earlierVersion = earlierVersion();
        appendAsRevisionOne(earlierVersion, "a-former", 0, "2024-01-20T09:00:00Z",
                registration("a-former", "+212600000005", new RegisteredQualification(QualificationRoute.DIPLOMA, 12,
                        recordedInClear("a-former", "OFPPT-2019-0042"))));
        appendAsRevisionOne(earlierVersion, "a-former", 1, "2024-02-20T09:00:00Z",
                new ArtisanSuspended("a-former", recordedInClear("a-former", "complaint by Mr Ouazzani")));
        appendAsRevisionOne(earlierVersion, "a-former", 2, "2024-03-20T09:00:00Z", new DiplomaEvidenceRecorded(
                "a-former", recordedInClear("a-former", "OFPPT-2019-0042"), "OFPPT",
                recordedInClear("a-former", "CH07-DOC-4711")));
        // Busy: registered, then suspended and reinstated many times, one day apart.
        append("a-busy", 0, "2024-01-01T09:00:00Z", registration("a-busy", "+212600000003"), null);
        Instant day = Instant.parse("2024-01-02T09:00:00Z");
        for (int i = 0; i < BUSY_SUSPENSIONS; i++) {
            append("a-busy", 2L * i + 1, day.plusSeconds(86_400L * 2 * i).toString(),
                    new ArtisanSuspended("a-busy", vault.sealText("a-busy", "check " + i).orElseThrow()), null);
            append("a-busy", 2L * i + 2, day.plusSeconds(86_400L * (2 * i + 1)).toString(),
                    new ArtisanReinstated("a-busy", vault.sealText("a-busy", "checked " + i).orElseThrow()), null);
        }
        // A cooperative of Marrakech-Safi renamed with a new representative, then suspended.
        publish("Cooperative", "c-argan", 0, "2024-01-05T09:00:00Z", new CooperativeRegistered("c-argan", "NIA-c-argan",
                new LocalizedText("تعاونية أركان", "Coopérative Argan"), "MA-ESI", "MA-07", List.of("B01-001"),
                List.of("B01"), "2021-provisional-1", Gender.F, seal("c-argan", "+212600000010")), null);
        publish("Cooperative", "c-argan", 1, "2024-05-05T09:00:00Z", new CooperativeDetailsAmended("c-argan",
                List.of("name", "representative"), new LocalizedText("تعاونية أركان الصويرة", "Coopérative Argan Essaouira"),
                null, null, null, seal("c-argan", "+212600000011")), "new statutes");
        publish("Cooperative", "c-argan", 2, "2024-09-05T09:00:00Z", new CooperativeSuspended("c-argan", recordedInClear("c-argan", "audit")),
                null);
        // An enterprise whose supervisor changed before it was struck off.
        publish("Enterprise", "e-zellige", 0, "2024-02-01T09:00:00Z", new EnterpriseRegistered("e-zellige",
                "NIA-e-zellige", new LocalizedText("زليج", "Zellige SARL"), "MA-MAR", "MA-07", List.of("B01-001"),
                List.of("B01"), "2021-provisional-1", "a-karim", Gender.M, seal("e-zellige", "+212600000020")), null);
        publish("Enterprise", "e-zellige", 1, "2024-06-01T09:00:00Z", new EnterpriseSupervisingArtisanChanged(
                "e-zellige", "a-karim", "a-busy", false, recordedInClear("e-zellige", "supervisor retired")), null);
        publish("Enterprise", "e-zellige", 2, "2024-10-01T09:00:00Z", new EnterpriseStruckOff("e-zellige", recordedInClear("e-zellige", "closed")),
                null);
        // Marrakech-Safi's regional body and Marrakech's provincial body of branch B02, affiliated months later; a
        // provincial body of Rabat-Salé-Kénitra, whose stored commit is edited by hand at the end.
        publish("ProfessionalBody", "body-b02-07", 0, "2024-01-20T09:00:00Z", new ProfessionalBodyConstituted(
                "body-b02-07", BodyLevel.REGIONAL, "B02", "MA-07", "MA-07", new LocalizedText("هيئة", "Corporation B02 Marrakech-Safi")), null);
        publish("ProfessionalBody", "body-b02-mar", 0, "2024-02-20T09:00:00Z", new ProfessionalBodyConstituted(
                "body-b02-mar", BodyLevel.PROVINCIAL, "B02", "MA-MAR", "MA-07", new LocalizedText("هيئة", "Corporation B02 Marrakech")), null);
        publish("ProfessionalBody", "body-b02-mar", 1, "2024-06-20T09:00:00Z", new ProfessionalBodyAffiliated(
                "body-b02-mar", BodyLevel.PROVINCIAL, "body-b02-07", BodyLevel.REGIONAL, "B02"), "assembly vote");
        publish("ProfessionalBody", "body-b02-rab", 0, "2024-03-20T09:00:00Z", new ProfessionalBodyConstituted(
                "body-b02-rab", BodyLevel.PROVINCIAL, "B02", "MA-RAB", "MA-04", new LocalizedText("هيئة", "Corporation B02 Rabat")), null);
    }

    private PersonalData person(String phone) {
        return new PersonalData("KK123456", new LocalizedText("كريم", "Karim"), new LocalizedText("بناني", "Bennani"),
                LocalDate.parse("1980-05-06"), phone, "Riad Zitoun 3, Marrakech");
    }

    private SealedPersonalData seal(String id, String phone) {
        return vault.seal(id, person(phone));
    }

    private ArtisanRegistered registration(String id, String phone) {
        return registration(id, phone, new RegisteredQualification(QualificationRoute.EXPERIENCE, 12, null));
    }

    private ArtisanRegistered registration(String id, String phone, RegisteredQualification qualification) {
        return new ArtisanRegistered(id, "NIA-" + id, "MA-MAR", "MA-07", "B01-001", "B01", "2021-provisional-1",
                Gender.M, qualification, ArtisanCategory.MASTER_ARTISAN, seal(id, phone));
    }

    /**
     * A store writer as the register was before reasons and references were sealed: every event at revision 1, and
     * what is sealed text now written as the bare text it then was.
     */
    private MongoEventStorageEngine earlierVersion() {
        ObjectMapper json = new ObjectMapper().findAndRegisterModules()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .addMixIn(SealedText.class, TextInClear.class);
        JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(json)
                .revisionResolver(payloadType -> "1").build();
        return MongoEventStorageEngine.builder().database(database).eventSerializer(serializer)
                .snapshotSerializer(serializer).maxPositionBlock(1).build();
    }

    /** How revision 1 wrote a reason or a reference: the text itself. */
    private abstract static class TextInClear {
        @JsonValue
        abstract String sealedText();
    }

    private void appendAsRevisionOne(MongoEventStorageEngine engine, String artisanId, long sequence, String at,
                                     Object payload) {
        engine.appendEvents(new GenericDomainEventMessage<>("Artisan", artisanId, sequence, payload,
                Map.of("recordedBy", "clerk-07", "chamber", "MA-07"), UUID.randomUUID().toString(),
                Instant.parse(at)));
        lastPosition = AppendReceipts.lastOnThisThread().orElseThrow().lastPosition();
    }

    private void append(String artisanId, long sequence, String at, Object payload, Object statedReason) {
        publish("Artisan", artisanId, sequence, at, payload, statedReason);
    }

    /** {@code statedReason}: text, as an earlier version recorded it, or sealed, as the command side records it now. */
    private void publish(String type, String id, long sequence, String at, Object payload, Object statedReason) {
        Map<String, Object> metaData = new HashMap<>(Map.of("recordedBy", "clerk-07", "chamber", "MA-07",
                "correlationId", "corr-" + id + "-" + sequence, "traceId", "trace-" + id + "-" + sequence));
        if (statedReason != null) {
            metaData.put("reason", statedReason);
        }
        eventStore.publish(new GenericDomainEventMessage<>(type, id, sequence, payload, metaData,
                UUID.randomUUID().toString(), Instant.parse(at)));
        lastPosition = AppendReceipts.lastOnThisThread().orElseThrow().lastPosition();
    }

    private JsonNode page(String path, String token) {
        Response response = api.get(path + (path.contains("?") ? "&" : "?") + "minPosition=" + lastPosition, token);
        assertThat(response.status()).as(path).isEqualTo(200);
        return response.body();
    }

    private static List<Long> sequences(JsonNode page) {
        List<Long> sequences = new ArrayList<>();
        page.get("items").forEach(item -> sequences.add(item.get("sequence").asLong()));
        return sequences;
    }

    /** The change of one field in an item's changes, or null when the event did not change it. */
    private static JsonNode change(JsonNode item, String field) {
        for (JsonNode change : item.get("changes")) {
            if (change.get("field").asText().equals(field)) {
                return change;
            }
        }
        return null;
    }

    @Test
    void pagesThroughTheEventsOldestFirst() {
        JsonNode first = page(BUSY + "?size=10", as.auditor());
        assertThat(first.get("page").asInt()).isZero();
        assertThat(first.get("size").asInt()).isEqualTo(10);
        assertThat(first.get("total").asLong()).isEqualTo(2 * BUSY_SUSPENSIONS + 1);
        assertThat(sequences(first)).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(sequences(page(BUSY + "?size=10&page=2", as.auditor())))
                .containsExactly(20L, 21L, 22L, 23L, 24L, 25L, 26L, 27L, 28L, 29L);
        assertThat(sequences(page(BUSY + "?size=10&page=4", as.auditor()))).containsExactly(40L);
        assertThat(page(BUSY + "?size=10&page=5", as.auditor()).get("items")).isEmpty();
        JsonNode defaults = page(BUSY, as.auditor());
        assertThat(defaults.get("size").asInt()).isEqualTo(20);
        assertThat(defaults.get("items")).hasSize(20);
    }

    @Test
    void filtersByTypeAndByTimeBothEndsIncluded() {
        JsonNode suspensions = page(BUSY + "?type=ArtisanSuspended&size=100", as.auditor());
        assertThat(suspensions.get("total").asLong()).isEqualTo(BUSY_SUSPENSIONS);
        suspensions.get("items").forEach(item -> assertThat(item.get("type").asText()).isEqualTo("ArtisanSuspended"));

        JsonNode window = page(KARIM + "?from=2024-02-01T09:00:00Z&to=2024-03-01T09:00:00Z", as.auditor());
        assertThat(sequences(window)).containsExactly(1L, 2L);
        assertThat(sequences(page(KARIM + "?from=2024-02-01T09:00:01Z", as.auditor()))).containsExactly(2L, 3L);
        assertThat(sequences(page(KARIM + "?to=2024-01-31T00:00:00%2B01:00", as.auditor()))).containsExactly(0L);
        JsonNode combined = page(BUSY + "?type=ArtisanReinstated&from=2024-01-03T09:00:00Z&to=2024-01-07T09:00:00Z",
                as.auditor());
        assertThat(sequences(combined)).containsExactly(2L, 4L, 6L);
        assertThat(combined.get("total").asLong()).isEqualTo(3);
    }

    @Test
    void badPagingAndFiltersAre400NamingEachParameter() {
        Map<String, String> bad = Map.of("size=0", "size", "size=101", "size", "page=-1", "page", "page=two", "page",
                "from=yesterday", "from", "to=2024-13-01T00:00:00Z", "to", "type=ArtisanVanished", "type",
                "from=2024-03-01T00:00:00Z&to=2024-02-01T00:00:00Z", "to");
        bad.forEach((query, field) -> {
            Response response = api.get(KARIM + "?" + query, as.auditor());
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.contentType()).as(query).startsWith("application/problem+json");
            assertThat(response.body().get("type").asText()).isEqualTo("/problems/validation");
            assertThat(response.body().get("errors").get(0).get("field").asText()).as(query).isEqualTo(field);
        });
        Response several = api.get(KARIM + "?size=500&type=Nope&from=x", as.auditor());
        assertThat(several.status()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        several.body().get("errors").forEach(error -> fields.add(error.get("field").asText()));
        assertThat(fields).containsExactlyInAnyOrder("size", "type", "from");
    }

    @Test
    void eachEventCarriesItsTraceIdReasonAndWhatItChanged() {
        JsonNode items = page(KARIM, as.auditor()).get("items");
        assertThat(items).hasSize(4);
        for (int i = 0; i < 4; i++) {
            assertThat(items.get(i).get("traceId").asText()).isEqualTo("trace-a-karim-" + i);
        }
        JsonNode registration = items.get(0);
        assertThat(registration.get("reason").isNull()).isTrue();
        assertThat(change(registration, "personalData.cin").get("before").isNull()).isTrue();
        assertThat(change(registration, "personalData.cin").get("after").asText()).isEqualTo("KK123456");
        assertThat(change(registration, "status").get("after").asText()).isEqualTo("ACTIVE");
        assertThat(change(registration, "version")).as("bookkeeping is not a change").isNull();

        JsonNode amendment = items.get(1);
        assertThat(amendment.get("reason").asText()).isEqualTo("phone number mistyped");
        assertThat(fields(amendment)).containsExactlyInAnyOrder("personalData.phone", "activityCode");
        assertThat(change(amendment, "personalData.phone").get("before").asText()).isEqualTo("+212600000001");
        assertThat(change(amendment, "personalData.phone").get("after").asText()).isEqualTo("+212600000002");
        assertThat(change(amendment, "activityCode").get("before").asText()).isEqualTo("B01-001");
        assertThat(change(amendment, "activityCode").get("after").asText()).isEqualTo("B01-002");

        JsonNode relocation = items.get(2);
        assertThat(relocation.get("reason").asText()).isEqualTo("moved his workshop");
        assertThat(fields(relocation)).containsExactly("provinceCode");
        assertThat(change(relocation, "provinceCode").get("before").asText()).isEqualTo("MA-MAR");
        assertThat(change(relocation, "provinceCode").get("after").asText()).isEqualTo("MA-SAF");

        JsonNode suspension = items.get(3);
        assertThat(suspension.get("reason").asText()).isEqualTo("inquiry");
        assertThat(fields(suspension)).containsExactly("status");
        assertThat(change(suspension, "status").get("before").asText()).isEqualTo("ACTIVE");
        assertThat(change(suspension, "status").get("after").asText()).isEqualTo("SUSPENDED");
    }

    @Test
    void changesOnALaterPageAreComputedFromTheWholeStream() {
        JsonNode item = page(BUSY + "?size=1&page=40", as.auditor()).get("items").get(0);
        assertThat(item.get("type").asText()).isEqualTo("ArtisanReinstated");
        assertThat(change(item, "status").get("before").asText()).isEqualTo("SUSPENDED");
        assertThat(change(item, "status").get("after").asText()).isEqualTo("ACTIVE");
    }

    @Test
    void personalDataInChangesIsMaskedForEveryoneButAuditors() {
        JsonNode masked = page(KARIM, as.analyst()).get("items");
        assertThat(masked.toString()).doesNotContain("+2126").doesNotContain("Karim").doesNotContain("KK123456")
                .doesNotContain("ciphertext").doesNotContain("mistyped").doesNotContain("workshop");
        JsonNode amendment = masked.get(1);
        assertThat(amendment.get("reason").asText()).isEqualTo("***");
        assertThat(fields(amendment)).as("a masked caller learns that personal data changed, not how")
                .containsExactlyInAnyOrder("personalData", "activityCode");
        assertThat(change(amendment, "personalData").get("before").asText()).isEqualTo("***");
        assertThat(change(amendment, "personalData").get("after").asText()).isEqualTo("***");
        assertThat(change(masked.get(0), "personalData").get("before").isNull()).isTrue();
        assertThat(change(masked.get(0), "personalData").get("after").asText()).isEqualTo("***");
        assertThat(change(masked.get(2), "provinceCode").get("after").asText()).isEqualTo("MA-SAF");
        assertThat(masked.get(3).get("reason").asText()).isEqualTo("***");

        JsonNode regionsClerk = page(KARIM, as.clerk07()).get("items");
        assertThat(regionsClerk.toString()).as("the region's clerk reads the history, masked as the analyst does")
                .isEqualTo(masked.toString());
        assertThat(api.get(KARIM, as.clerk04()).status()).isEqualTo(403);

        JsonNode auditor = page(KARIM, as.auditor()).get("items");
        assertThat(change(auditor.get(1), "personalData.phone").get("after").asText()).isEqualTo("+212600000002");
        assertThat(auditor.get(1).get("reason").asText()).isEqualTo("phone number mistyped");
    }

    @Test
    void aCooperativesHistoryShowsItsChangesAndItsStateAsOfAnInstant() {
        JsonNode items = page(COOPERATIVE + "/history", as.auditor()).get("items");
        assertThat(items).hasSize(3);
        assertThat(items.get(1).get("traceId").asText()).isEqualTo("trace-c-argan-1");
        assertThat(items.get(1).get("reason").asText()).isEqualTo("new statutes");
        assertThat(change(items.get(1), "registration.name.fr").get("after").asText())
                .isEqualTo("Coopérative Argan Essaouira");
        assertThat(change(items.get(1), "registration.representative.phone").get("before").asText())
                .isEqualTo("+212600000010");
        assertThat(change(items.get(1), "registration.representative.phone").get("after").asText())
                .isEqualTo("+212600000011");
        assertThat(change(items.get(2), "status").get("after").asText()).isEqualTo("SUSPENDED");
        assertThat(sequences(page(COOPERATIVE + "/history?type=CooperativeSuspended",
                as.auditor()))).containsExactly(2L);

        JsonNode masked = page(COOPERATIVE + "/history", as.analyst()).get("items");
        assertThat(masked.toString()).doesNotContain("+2126").doesNotContain("statutes");
        assertThat(change(masked.get(1), "registration.representative").get("after").asText()).isEqualTo("***");
        assertThat(api.get(COOPERATIVE + "/history", as.clerk04()).status()).isEqualTo(403);
        assertThat(api.get(COOPERATIVE + "/history?type=ArtisanSuspended", as.auditor()).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/cooperatives/a-karim/history", as.auditor()).status())
                .as("an artisan is no cooperative").isEqualTo(404);
        assertThat(api.get("/api/v1/cooperatives/c-nowhere/history", as.auditor()).status()).isEqualTo(404);

        JsonNode before = page(COOPERATIVE + "?asOf=2024-05-05T08:59:59Z", as.auditor());
        assertThat(before.get("name").get("fr").asText()).isEqualTo("Coopérative Argan");
        assertThat(before.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(before.get("version").asLong()).isZero();
        JsonNode after = page(COOPERATIVE + "?asOf=2024-09-05T09:00:00Z", as.auditor());
        assertThat(after.get("name").get("fr").asText()).isEqualTo("Coopérative Argan Essaouira");
        assertThat(after.get("status").asText()).isEqualTo("SUSPENDED");
        assertThat(api.get(COOPERATIVE + "?asOf=2024-01-01T00:00:00Z", as.auditor()).status()).isEqualTo(404);
        assertThat(api.get(COOPERATIVE + "?asOf=yesterday", as.auditor()).status()).isEqualTo(400);
        assertThat(api.get(COOPERATIVE + "?asOf=2024-05-06T00:00:00Z", as.clerk04()).status()).isEqualTo(403);
    }

    @Test
    void anEnterprisesHistoryShowsItsSupervisorChangeAndItsStateAsOfAnInstant() {
        assertThat(page(ENTERPRISE + "/history", as.clerk07()).get("items").get(1).get("reason").asText())
                .as("the region's clerk reads the history masked").isEqualTo("***");
        JsonNode items = page(ENTERPRISE + "/history", as.auditor()).get("items");
        assertThat(items).hasSize(3);
        assertThat(items.get(1).get("reason").asText()).isEqualTo("supervisor retired");
        assertThat(fields(items.get(1))).containsExactly("supervisingArtisanId");
        assertThat(change(items.get(1), "supervisingArtisanId").get("before").asText()).isEqualTo("a-karim");
        assertThat(change(items.get(1), "supervisingArtisanId").get("after").asText()).isEqualTo("a-busy");
        assertThat(change(items.get(2), "status").get("after").asText()).isEqualTo("STRUCK_OFF");
        assertThat(page(ENTERPRISE + "/history?from=2024-06-01T09:00:00Z&size=1", as.auditor()).get("total").asLong())
                .isEqualTo(2);

        JsonNode asOf = page(ENTERPRISE + "?asOf=2024-07-01T00:00:00Z", as.analyst());
        assertThat(asOf.get("supervisingArtisanId").asText()).isEqualTo("a-busy");
        assertThat(asOf.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(asOf.get("masked").asBoolean()).isTrue();
        assertThat(page(ENTERPRISE, as.analyst()).get("status").asText()).isEqualTo("STRUCK_OFF");
    }

    @Test
    void statedReasonsAreReadSealedWhetherStoredInClearEarlierOrSealed_andGoWithTheActorsKey() {
        Document inClear = storedMetaData("a-sealed#1");
        assertThat(inClear.get("reason")).as("the old shape, as stored").isEqualTo("asked by Mr Alaoui");
        Document sealed = storedMetaData("a-sealed#2").get("reason", Document.class);
        assertThat(sealed.getString("algorithm")).isEqualTo(PersonalDataVault.ALGORITHM);
        assertThat(sealed.toJson()).doesNotContain("Alaoui");

        JsonNode items = page(SEALED, as.auditor()).get("items");
        assertThat(items.get(1).get("reason").asText()).as("read through the upcaster").isEqualTo("asked by Mr Alaoui");
        assertThat(items.get(2).get("reason").asText()).isEqualTo("back to Mr Alaoui's workshop");
        assertThat(items.get(2).get("payload").get("reason").asText()).isEqualTo("back to Mr Alaoui's workshop");
        JsonNode masked = page(SEALED, as.analyst()).get("items");
        assertThat(masked.toString()).doesNotContain("Alaoui");
        assertThat(masked.get(1).get("reason").asText()).isEqualTo("***");

        vault.erase("a-sealed");
        JsonNode erased = page(SEALED, as.auditor()).get("items");
        assertThat(erased.toString()).as("neither the sealed reason nor the one stored in clear")
                .doesNotContain("Alaoui");
        assertThat(erased.get(1).get("reason").isNull()).isTrue();
        assertThat(erased.get(2).get("reason").isNull()).isTrue();
        assertThat(erased.get(2).get("personalDataErased").asBoolean()).isTrue();
        JsonNode verification = api.get("/api/v1/audit/actors/a-sealed/verification", as.auditor()).body();
        assertThat(verification.get("valid").asBoolean()).as("upcasting happens on read").isTrue();
        assertThat(verification.get("events").asLong()).isEqualTo(3);
    }

    /** The metadata of a one-event commit as MongoDB holds it. */
    private Document storedMetaData(String streamKey) {
        return storedEvent(streamKey).get("metaData", Document.class);
    }

    /** The event of a one-event commit as MongoDB holds it. */
    private Document storedEvent(String streamKey) {
        Document commit = database.getCollection("commits").find(Filters.eq("streamKeys", streamKey)).first();
        assertThat(commit).as(streamKey).isNotNull();
        return commit.getList("events", Document.class).get(0);
    }

    @Test
    void payloadReasonsAndReferencesStoredInClearByRevisionOneAreReadSealed_andGoWithTheActorsKey() {
        Document suspended = storedEvent("a-former#1");
        assertThat(suspended.getString("payloadRevision")).isEqualTo("1");
        assertThat(suspended.get("payload", Document.class).get("reason")).as("the old shape, as stored")
                .isEqualTo("complaint by Mr Ouazzani");
        assertThat(storedEvent("a-former#2").get("payload", Document.class).get("diplomaRef"))
                .isEqualTo("OFPPT-2019-0042");
        assertThat(storedEvent("a-former#0").get("payload", Document.class).get("qualification", Document.class)
                .get("diplomaRef")).as("the registration's reference, as revision 1 stored it").isEqualTo("OFPPT-2019-0042");

        JsonNode items = page(FORMER + "/history", as.auditor()).get("items");
        assertThat(items.get(1).get("reason").asText()).as("read through the upcaster")
                .isEqualTo("complaint by Mr Ouazzani");
        assertThat(items.get(1).get("payload").get("reason").asText()).isEqualTo("complaint by Mr Ouazzani");
        assertThat(items.get(0).get("payload").get("qualification").get("diplomaRef").asText())
                .isEqualTo("OFPPT-2019-0042");
        assertThat(items.get(2).get("payload").get("diplomaRef").asText()).isEqualTo("OFPPT-2019-0042");
        assertThat(items.get(2).get("payload").get("evidenceRef").asText()).isEqualTo("CH07-DOC-4711");
        assertThat(items.get(2).get("changes").toString()).as("the folded state's evidence, opened")
                .contains("OFPPT-2019-0042");
        JsonNode view = api.get(FORMER + "?minPosition=" + lastPosition, as.auditor()).body();
        assertThat(view.get("diplomaEvidence").get("diplomaRef").asText()).isEqualTo("OFPPT-2019-0042");
        JsonNode masked = page(FORMER + "/history", as.analyst()).get("items");
        assertThat(masked.toString()).doesNotContain("Ouazzani").doesNotContain("0042").doesNotContain("4711");
        assertThat(masked.get(1).get("reason").asText()).isEqualTo("***");
        assertThat(masked.get(2).get("payload").get("diplomaRef").asText()).isEqualTo("***");
        assertThat(masked.get(0).get("payload").get("qualification").get("diplomaRef").asText()).isEqualTo("***");
        JsonNode maskedView = api.get(FORMER + "?minPosition=" + lastPosition, as.analyst()).body();
        assertThat(maskedView.get("diplomaEvidence").get("diplomaRef").asText()).isEqualTo("***");

        vault.erase("a-former");
        JsonNode erased = page(FORMER + "/history", as.auditor()).get("items");
        assertThat(erased.toString()).as("text stored in clear is shown on the key's terms")
                .doesNotContain("Ouazzani").doesNotContain("0042").doesNotContain("4711");
        assertThat(erased.get(1).get("reason").isNull()).isTrue();
        assertThat(erased.get(1).get("personalDataErased").asBoolean()).isTrue();
        JsonNode erasedView = api.get(FORMER + "?minPosition=" + lastPosition, as.auditor()).body();
        assertThat(erasedView.get("diplomaEvidence").get("diplomaRef").isNull()).isTrue();
        JsonNode verification = api.get("/api/v1/audit/actors/a-former/verification", as.auditor()).body();
        assertThat(verification.get("valid").asBoolean()).as("the chain covers the stored bytes").isTrue();
        assertThat(verification.get("events").asLong()).isEqualTo(3);
    }

    @Test
    void aBodysHistoryShowsItsAffiliationAndItsStateAsOfAnInstant() {
        JsonNode items = page(PROVINCIAL_BODY + "/history", as.auditor()).get("items");
        assertThat(items).hasSize(2);
        assertThat(items.get(0).get("type").asText()).isEqualTo("ProfessionalBodyConstituted");
        assertThat(change(items.get(0), "territoryCode").get("after").asText()).isEqualTo("MA-MAR");
        assertThat(items.get(1).get("traceId").asText()).isEqualTo("trace-body-b02-mar-1");
        assertThat(items.get(1).get("reason").asText()).isEqualTo("assembly vote");
        assertThat(fields(items.get(1))).containsExactly("parentBodyId");
        assertThat(change(items.get(1), "parentBodyId").get("after").asText()).isEqualTo("body-b02-07");
        assertThat(sequences(page(PROVINCIAL_BODY + "/history?type=ProfessionalBodyAffiliated", as.admin())))
                .containsExactly(1L);
        assertThat(page(PROVINCIAL_BODY + "/history", as.analyst()).get("items").get(1).get("reason").asText())
                .isEqualTo("***");
        assertThat(page(PROVINCIAL_BODY + "/history", as.clerk07()).get("total").asLong()).isEqualTo(2);
        Response otherRegion = api.get(PROVINCIAL_BODY + "/history", as.clerk04());
        Response unknown = api.get("/api/v1/professional-bodies/body-nowhere/history", as.clerk04());
        assertThat(otherRegion.status()).isEqualTo(403);
        assertThat(unknown.status()).isEqualTo(403);
        assertThat(unknown.body().get("detail")).as("an unknown body is refused in the same words")
                .isEqualTo(otherRegion.body().get("detail"));
        assertThat(api.get("/api/v1/professional-bodies/body-nowhere/history", as.auditor()).status()).isEqualTo(404);
        assertThat(api.get(PROVINCIAL_BODY + "/history?type=CooperativeSuspended", as.auditor()).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/professional-bodies/c-argan/history", as.auditor()).status())
                .as("a cooperative is no body").isEqualTo(404);

        JsonNode before = page(PROVINCIAL_BODY + "?asOf=2024-06-20T08:59:59Z", as.clerk07());
        assertThat(before.get("parentBodyId").isNull()).isTrue();
        assertThat(before.get("version").asLong()).isZero();
        assertThat(before.get("members").isNull()).as("memberships live in the artisans' streams").isTrue();
        JsonNode after = page(PROVINCIAL_BODY + "?asOf=2024-06-20T09:00:00Z", as.analyst());
        assertThat(after.get("parentBodyId").asText()).isEqualTo("body-b02-07");
        assertThat(after.get("name").get("fr").asText()).isEqualTo("Corporation B02 Marrakech");
        assertThat(page(REGIONAL_BODY + "?asOf=2024-06-01T00:00:00Z", as.auditor()).get("childBodyIds")).isEmpty();
        assertThat(page(REGIONAL_BODY + "?asOf=2024-07-01T00:00:00Z", as.auditor()).get("childBodyIds").get(0).asText())
                .isEqualTo("body-b02-mar");
        assertThat(page(REGIONAL_BODY, as.auditor()).get("childBodyIds").get(0).asText()).isEqualTo("body-b02-mar");
        assertThat(api.get(PROVINCIAL_BODY + "?asOf=2024-02-01T00:00:00Z", as.auditor()).status()).isEqualTo(404);
        assertThat(api.get(PROVINCIAL_BODY + "?asOf=2024-02-01T00:00:00Z", as.clerk07()).status())
                .as("the region's clerk learns it was not constituted yet").isEqualTo(404);
        assertThat(api.get(PROVINCIAL_BODY + "?asOf=2024-07-01T00:00:00Z", as.clerk04()).status()).isEqualTo(403);
        assertThat(api.get(PROVINCIAL_BODY + "?asOf=soon", as.auditor()).status()).isEqualTo(400);
    }

    @Test
    void aBodysStreamIsVerifiedLikeAnyActorsAndAnEditedCommitShows() {
        JsonNode intact = api.get("/api/v1/audit/actors/body-b02-mar/verification", as.auditor()).body();
        assertThat(intact.get("valid").asBoolean()).isTrue();
        assertThat(intact.get("events").asLong()).isEqualTo(2);

        database.getCollection("commits").updateOne(Filters.eq("streamKeys", "body-b02-rab#0"),
                Updates.set("events.0.payload.territoryCode", "MA-SAL"));
        Response edited = api.get("/api/v1/audit/actors/body-b02-rab/verification", as.auditor());
        assertThat(edited.status()).isEqualTo(200);
        assertThat(edited.body().get("valid").asBoolean()).isFalse();
        assertThat(edited.body().get("firstBrokenLink").get("sequence").asLong()).isZero();
    }

    private static List<String> fields(JsonNode item) {
        List<String> fields = new ArrayList<>();
        item.get("changes").forEach(change -> fields.add(change.get("field").asText()));
        return fields;
    }
}
