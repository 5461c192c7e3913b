package ma.crafts.register.query.projection;

import static ma.crafts.register.values.SealedText.recordedInClear;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import ma.crafts.register.eventstore.AppendReceipts;
import ma.crafts.register.eventstore.MongoTokenStore;
import ma.crafts.register.events.artisan.ArtisanSuspended;
import ma.crafts.register.events.artisan.CardIssued;
import ma.crafts.register.events.enterprise.ChamberNotificationIssued;
import ma.crafts.register.platform.privacy.PersonalDataVault;
import ma.crafts.register.query.QueryProcessors;
import ma.crafts.register.query.QuerySideApplication;
import ma.crafts.register.query.artisan.mongo.ArtisanViewRepository;
import ma.crafts.register.query.support.HttpApi;
import ma.crafts.register.query.support.HttpApi.Response;
import ma.crafts.register.query.support.TestEvents;
import ma.crafts.register.values.LocalizedText;
import ma.crafts.register.values.PersonalData;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Rebuilds in one process, over HTTP: every read keeps answering during a rebuild, the switch leaves the same answers,
 * writes made during and after the rebuild are read with {@code ?minPosition}, and the old generation goes away. The
 * monitor ticks only every 2 s here, so a rebuild is still running when the test asks for it a second time.
 */
@SpringBootTest(classes = QuerySideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "register.mongodb.embedded.backend=memory",
                "register.mongodb.embedded.port=0",
                "register.data-dir=target/projection-rebuild-test-data",
                "register.query.rebuild.monitor-interval=2s",
                "register.query.rebuild.retired-grace=1s",
                // Every card's public check is read from this one address before and after each switch.
                "register.http.public-rate-limit.per-second=10000",
                "register.http.public-rate-limit.burst=10000"
        })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProjectionRebuildTest {

    private static final int ARTISANS = 40;
    private static final String REGION = "MA-07";

    @LocalServerPort
    int port;
    @Autowired
    EventStore eventStore;
    @Autowired
    PersonalDataVault vault;
    @Autowired
    MongoDatabase database;
    @Autowired
    MongoTokenStore tokenStore;
    @Autowired
    MeterRegistry meters;

    private HttpApi api;
    private String admin;
    private String auditor;
    private long lastPosition;
    private final Map<String, Long> versions = new LinkedHashMap<>();

    @BeforeAll
    void seed() {
        api = new HttpApi(port);
        admin = api.token("admin", List.of("REGISTRY_ADMIN"), null);
        auditor = api.token("auditor", List.of("AUDITOR"), null);
        for (int i = 0; i < ARTISANS; i++) {
            String id = artisan(i);
            append(id, TestEvents.registered(id, "MA-MAR", REGION, i % 2 == 0 ? "B01" : "B04",
                    vault.seal(id, new PersonalData("RB" + (1000 + i), new LocalizedText("فاطمة", "Fatima"),
                            new LocalizedText("الزهراء", "Zahra"), LocalDate.parse("1984-03-02"), "+212612345678",
                            "Derb Dabachi 12"))));
            append(id, new CardIssued(id, card(i), LocalDate.parse("2024-06-01"), LocalDate.parse("2099-12-31"), null));
            if (i % 5 == 0) {
                append(id, new ArtisanSuspended(id, recordedInClear(id, "inquiry")));
            }
        }
        eventStore.publish(new GenericDomainEventMessage<>("Enterprise", "e-rebuild", 1,
                new ChamberNotificationIssued("n-rebuild", REGION, "e-rebuild",
                        ChamberNotificationIssued.ENTERPRISE_NON_COMPLIANT, new LocalizedText("إشعار", "Avis")),
                Map.of("recordedBy", "system", "chamber", "MA"), UUID.randomUUID().toString(), Instant.now()));
        lastPosition = AppendReceipts.lastOnThisThread().orElseThrow().lastPosition();
    }

    @Test
    void rebuildsServeReadsThroughoutAndSwitchToEqualViews() throws InterruptedException {
        Map<String, String> before = reads();
        assertThat(progress(QueryProcessors.ARTISAN_VIEW).get("status").asText()).isEqualTo("LIVE");

        Response started = api.post("/api/v1/admin/projections/" + QueryProcessors.ARTISAN_VIEW + "/rebuild", admin);
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        assertThat(started.body().get("status").asText()).isEqualTo("REBUILDING");
        Response again = api.post("/api/v1/admin/projections/" + QueryProcessors.ARTISAN_VIEW + "/rebuild", admin);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
        assertThat(again.body().get("type").asText()).isEqualTo("/problems/rule-violation");
        assertThat(api.post("/api/v1/admin/projections/" + QueryProcessors.CARD_VERIFICATION + "/rebuild", admin)
                .status()).isEqualTo(202);
        assertThat(api.post("/api/v1/admin/projections/" + QueryProcessors.CHAMBER_NOTIFICATIONS + "/rebuild", admin)
                .status()).isEqualTo(202);

        // While the new generations are built, the old ones answer, and keep following the store.
        assertSameReads(before);
        suspend(1);
        assertThat(view(artisan(1)).get("status").asText()).isEqualTo("SUSPENDED");
        before = reads();

        awaitLive(QueryProcessors.ARTISAN_VIEW, 1);
        awaitLive(QueryProcessors.CARD_VERIFICATION, 1);
        awaitLive(QueryProcessors.CHAMBER_NOTIFICATIONS, 1);
        assertSameReads(before);

        // After the switch the rebuilt generations follow the store on their own processors: reads-your-writes holds.
        suspend(3);
        assertThat(view(artisan(3)).get("status").asText()).isEqualTo("SUSPENDED");
        assertThat(api.get("/api/v1/cards/" + card(3) + "/verification?minPosition=" + lastPosition, null)
                .body().get("valid").asBoolean()).isFalse();

        await("the first generation is dropped", () -> !database.listCollectionNames().into(new ArrayList<>())
                .contains(ArtisanViewRepository.COLLECTION));
        assertThat(database.listCollectionNames().into(new ArrayList<>()))
                .contains(ArtisanViewRepository.COLLECTION + "_g1");

        // A second rebuild replaces the rebuilt generation and retires its processor.
        before = reads();
        assertThat(api.post("/api/v1/admin/projections/" + QueryProcessors.ARTISAN_VIEW + "/rebuild", admin)
                .status()).isEqualTo(202);
        awaitLive(QueryProcessors.ARTISAN_VIEW, 2);
        String firstRebuilt = ProjectionRebuilds.processorName(QueryProcessors.ARTISAN_VIEW, 1);
        await("the processor of generation 1 is retired", () -> tokenStore.peekTokens(firstRebuilt).isEmpty());
        assertSameReads(before);
    }

    @Test
    void progressIsListedForAdministratorsOnlyWithGauges() {
        Response listed = api.get("/api/v1/admin/projections", admin);
        assertThat(listed.status()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        listed.body().get("projections").forEach(p -> {
            names.add(p.get("name").asText());
            assertThat(p.has("position") && p.has("head") && p.has("rate") && p.has("eta") && p.has("status")
                    && p.has("generation")).as(p.toString()).isTrue();
        });
        assertThat(names).containsExactly(QueryProcessors.ARTISAN_VIEW, QueryProcessors.CARD_VERIFICATION,
                QueryProcessors.CHAMBER_NOTIFICATIONS, QueryProcessors.STATISTICS, QueryProcessors.ELIGIBILITY);
        assertThat(meters.get("register.projection.head").tag("projection", QueryProcessors.ARTISAN_VIEW).gauge()
                .value()).isGreaterThanOrEqualTo(lastPosition);

        Response forbidden = api.get("/api/v1/admin/projections", auditor);
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(api.post("/api/v1/admin/projections/artisan-view/rebuild", auditor).status()).isEqualTo(403);
        Response unknown = api.post("/api/v1/admin/projections/no-such-projection/rebuild", admin);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.body().get("type").asText()).isEqualTo("/problems/not-found");
    }

    /** What the projections answer: every artisan view, a search, every card check and the chamber's notices. */
    private Map<String, String> reads() {
        Map<String, String> reads = new LinkedHashMap<>();
        for (int i = 0; i < ARTISANS; i++) {
            reads.put("artisan " + artisan(i), view(artisan(i)).toString());
            reads.put("card " + card(i), api.get("/api/v1/cards/" + card(i) + "/verification?minPosition="
                    + lastPosition, null).text());
        }
        for (String query : List.of("regionCode=" + REGION + "&size=100", "branchCode=B04&status=ACTIVE&size=7&page=1")) {
            reads.put("search " + query, api.get("/api/v1/artisans?" + query + "&minPosition=" + lastPosition, auditor)
                    .text());
        }
        reads.put("notices", api.get("/api/v1/notifications?regionCode=" + REGION + "&minPosition=" + lastPosition,
                auditor).text());
        return reads;
    }

    /** Names each read that answers otherwise than before, with both answers. */
    private void assertSameReads(Map<String, String> before) {
        Map<String, String> now = reads();
        List<String> differences = new ArrayList<>();
        before.forEach((read, answer) -> {
            if (!answer.equals(now.get(read))) {
                differences.add(read + "\n  before: " + answer + "\n  now:    " + now.get(read));
            }
        });
        assertThat(differences).isEmpty();
    }

    private JsonNode view(String artisanId) {
        Response view = api.get("/api/v1/artisans/" + artisanId + "?minPosition=" + lastPosition, auditor);
        assertThat(view.status()).as(view.text()).isEqualTo(200);
        return view.body();
    }

    private JsonNode progress(String projection) {
        for (JsonNode p : api.get("/api/v1/admin/projections", admin).body().get("projections")) {
            if (p.get("name").asText().equals(projection)) {
                return p;
            }
        }
        throw new AssertionError("no projection " + projection);
    }

    private void awaitLive(String projection, int generation) throws InterruptedException {
        await(projection + " live at generation " + generation, () -> {
            JsonNode p = progress(projection);
            return p.get("status").asText().equals("LIVE") && p.get("generation").asInt() == generation;
        }, () -> progress(projection).toString());
    }

    private static void await(String what, BooleanSupplier done) throws InterruptedException {
        await(what, done, () -> "");
    }

    private static void await(String what, BooleanSupplier done, Supplier<String> state) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as("%s; now %s", what, state.get()).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private void suspend(int i) {
        append(artisan(i), new ArtisanSuspended(artisan(i), recordedInClear(artisan(i), "inquiry")));
    }

    private void append(String artisanId, Object payload) {
        long sequence = versions.merge(artisanId, 0L, (previous, zero) -> previous + 1);
        eventStore.publish(new GenericDomainEventMessage<>(TestEvents.AGGREGATE_TYPE, artisanId, sequence, payload,
                Map.of("recordedBy", "clerk-07", "chamber", REGION), UUID.randomUUID().toString(), Instant.now()));
        lastPosition = AppendReceipts.lastOnThisThread().orElseThrow().lastPosition();
    }

    private static String artisan(int i) {
        return "a-rebuild-" + i;
    }

    private static String card(int i) {
        return "MA07-C-9" + String.format("%03d", i);
    }
}
