package ma.crafts.register.query.readlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.MongoException;
import com.mongodb.client.MongoDatabase;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ma.crafts.register.eventstore.AppendReceipts;
import ma.crafts.register.events.artisan.CardIssued;
import ma.crafts.register.events.cooperative.CooperativeRegistered;
import ma.crafts.register.platform.privacy.PersonalDataVault;
import ma.crafts.register.query.readlog.mongo.ReadLogRecords;
import ma.crafts.register.query.support.Callers;
import ma.crafts.register.query.support.HttpApi;
import ma.crafts.register.query.support.HttpApi.Response;
import ma.crafts.register.query.support.QueryRestContext;
import ma.crafts.register.query.support.TestEvents;
import ma.crafts.register.values.Gender;
import ma.crafts.register.values.LocalizedText;
import ma.crafts.register.values.PersonalData;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;

/**
 * Every response that shows personal data in clear leaves one record in the read log, which only auditors read; a
 * read whose record cannot be written is refused with 503 and shows nothing.
 */
@QueryRestContext
@Import(PersonalDataReadLogRestTest.FailingRecords.class)
@TestPropertySource(properties = "register.data-dir=target/read-log-rest-test-data")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PersonalDataReadLogRestTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    /**
     * The log's store, with a switch that makes every insert fail as a lost database would. Listed in the test's
     * classes, not annotated: the query side scans its packages, and would lend an annotated one to other tests.
     */
    static class FailingRecords {
        static volatile boolean failing;

        @Bean
        @Primary
        ReadLogRecords switchableReadLogRecords(MongoDatabase database) {
            return new ReadLogRecords(database) {
                @Override
                public boolean insert(PersonalDataRead read) {
                    if (failing) {
                        throw new MongoException("the database is unreachable");
                    }
                    return super.insert(read);
                }
            };
        }
    }

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
        publish("Artisan", "a-fatima", TestEvents.registered("a-fatima", "MA-MAR", "MA-07", "B01",
                vault.seal("a-fatima", person("EE123456"))));
        publish("Artisan", "a-nadia", TestEvents.registered("a-nadia", "MA-MAR", "MA-07", "B01",
                vault.seal("a-nadia", person("EE654321"))));
        publish("Cooperative", "c-argan", new CooperativeRegistered("c-argan", "NIA-c-argan",
                new LocalizedText("تعاونية أركان", "Coopérative Argan"), "MA-MAR", "MA-07", List.of("B01-001"),
                List.of("B01"), "2021-provisional-1", Gender.F,
                vault.seal("c-argan", person("EE777777"))));
        publish("Artisan", "a-nadia", 1, new CardIssued("a-nadia", "MA07-C-0001", LocalDate.now().minusDays(1),
                LocalDate.now().plusYears(1), "nadiasCheckCode00001"));
    }

    private static PersonalData person(String cin) {
        return new PersonalData(cin, new LocalizedText("فاطمة", "Fatima"), new LocalizedText("الزهراء", "Zahra"),
                LocalDate.parse("1984-03-02"), "+212612345678", "Derb Dabachi 12");
    }

    private void publish(String type, String id, Object payload) {
        publish(type, id, 0, payload);
    }

    private void publish(String type, String id, long sequence, Object payload) {
        eventStore.publish(new GenericDomainEventMessage<>(type, id, sequence, payload,
                Map.of("recordedBy", "clerk-07", "chamber", "MA-07"), UUID.randomUUID().toString(),
                Instant.parse("2024-01-10T09:00:00Z")));
        lastPosition = AppendReceipts.lastOnThisThread().orElseThrow().lastPosition();
    }

    private Response reads(String query, String token) {
        return api.get("/api/v1/audit/personal-data-reads" + query, token);
    }

    @Test
    void eachDisclosingResponseIsLoggedOnceAndOnlyAuditorsReadTheLog() {
        assertThat(api.get("/api/v1/artisans/a-fatima?minPosition=" + lastPosition,
                as.auditor()).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/artisans/a-fatima/history", as.auditor()).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/artisans/a-fatima/history", as.clerk07()).status())
                .as("a history is masked for a clerk: nothing to log").isEqualTo(200);
        assertThat(api.get("/api/v1/artisans/a-fatima", as.clerk07()).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/cooperatives/c-argan?minPosition=" + lastPosition,
                as.clerk07()).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/artisans/a-fatima?minPosition=" + lastPosition, as.analyst()).status())
                .as("masked: nothing to log").isEqualTo(200);

        JsonNode fatima = reads("?actorId=a-fatima", as.auditor()).body();
        assertThat(fatima.get("total").asLong()).isEqualTo(3);
        List<String> readers = new ArrayList<>();
        fatima.get("items").forEach(item -> readers.add(item.get("subject").asText() + " "
                + item.get("request").asText()));
        assertThat(readers).containsExactly("clerk-07 GET /api/v1/artisans/a-fatima",
                "auditor-1 GET /api/v1/artisans/a-fatima/history", "auditor-1 GET /api/v1/artisans/a-fatima");
        JsonNode newest = fatima.get("items").get(0);
        assertThat(newest.get("roles").get(0).asText()).isEqualTo("CHAMBER_CLERK");
        assertThat(newest.get("fields").toString()).contains("firstName");
        assertThat(fatima.get("items").get(1).get("fields").toString()).contains("cin", "firstName", "birthDate");
        assertThat(reads("?actorId=c-argan&subject=clerk-07", as.auditor()).body().get("total").asLong()).isEqualTo(1);
        assertThat(reads("?subject=analyst-1", as.auditor()).body().get("total").asLong()).isZero();
        assertThat(reads("?from=2099-01-01T00:00:00Z", as.auditor()).body().get("total").asLong()).isZero();
        assertThat(reads("/verification", as.auditor()).body().get("valid").asBoolean()).isTrue();

        assertThat(reads("", as.clerk07()).status()).isEqualTo(403);
        assertThat(reads("", as.analyst()).status()).isEqualTo(403);
        assertThat(reads("", null).status()).isEqualTo(401);
        assertThat(reads("?from=yesterday", as.auditor()).status()).isEqualTo(400);
    }

    @Test
    void thePrintedCardIsARead() {
        // A masked read, which logs nothing, waits for the card's projection.
        assertThat(api.get("/api/v1/artisans/a-nadia?minPosition=" + lastPosition,
                as.analyst()).status()).isEqualTo(200);
        Response printed = api.get("/api/v1/cards/MA07-C-0001/document", as.clerk07(), "application/pdf");
        assertThat(printed.status()).as(printed.text()).isEqualTo(200);
        JsonNode newest = reads("?subject=clerk-07", as.auditor()).body().get("items").get(0);
        assertThat(newest.get("request").asText()).isEqualTo("GET /api/v1/cards/MA07-C-0001/document");
        assertThat(newest.get("actorId").asText()).isEqualTo("a-nadia");
        assertThat(newest.get("fields").toString()).isEqualTo("[\"firstName\",\"lastName\"]");
    }

    @Test
    void theRequestsTraceIdIsRecordedAndEchoed() {
        Response view = api.get("/api/v1/artisans/a-nadia?minPosition=" + lastPosition,
                as.auditor(), Map.of("traceparent", "00-" + TRACE + "-00f067aa0ba902b7-01"));
        assertThat(view.status()).isEqualTo(200);
        assertThat(view.header(PersonalDataReadLog.TRACE_ID_HEADER)).isEqualTo(TRACE);
        assertThat(reads("?actorId=a-nadia", as.auditor()).body().get("items").get(0).get("traceId").asText())
                .isEqualTo(TRACE);
    }

    @Test
    void aReadThatCannotBeLoggedIsRefusedWith503AndShowsNothing() {
        long before = reads("", as.auditor()).body().get("total").asLong();
        FailingRecords.failing = true;
        try {
            for (String path : List.of("/api/v1/artisans/a-fatima?minPosition=" + lastPosition,
                    "/api/v1/artisans/a-fatima/history", "/api/v1/cooperatives/c-argan")) {
                Response refused = api.get(path, as.auditor());
                assertThat(refused.status()).as(path).isEqualTo(503);
                assertThat(refused.contentType()).startsWith("application/problem+json");
                assertThat(refused.text()).doesNotContain("Fatima", "EE123456", "EE777777");
            }
        } finally {
            FailingRecords.failing = false;
        }
        assertThat(reads("", as.auditor()).body().get("total").asLong()).isEqualTo(before);
        assertThat(api.get("/api/v1/artisans/a-fatima?minPosition=" + lastPosition, as.analyst()).status())
                .as("a masked read logs nothing, so it is served").isEqualTo(200);
    }
}
