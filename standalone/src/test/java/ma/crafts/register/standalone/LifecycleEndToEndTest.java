package ma.crafts.register.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

/**
 * One artisan walked through its life over real HTTP, with the view, the history, the public card check and search
 * checked at every step: registration, card, membership, amendment, relocation (write access moves to the new
 * region, the membership ends), suspension and reinstatement, loss and replacement of the card, expiry of the
 * replacement through the card-expiry deadline, and striking-off, which also flags the enterprise the artisan
 * supervises and puts a notice in front of that region's clerks ({@code GET /api/v1/notifications}).
 *
 * <p>Cards are valid one day here ({@code register.policy.card-validity=P1D}) and the register's clock is a settable
 * clock: the replacement is issued one second before midnight of its last valid day, then the clock is moved past
 * midnight. The deadline waits the second the register's clock said was left, and records the expiry as an event.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "register.auth.mode=dev", "register.mongodb.embedded.backend=memory", "register.mongodb.embedded.port=0",
        "register.policy.card-validity=P1D", "register.deadlines.poll-interval=PT0.2S"})
class LifecycleEndToEndTest {
    private static final ZoneId MOROCCO = ZoneId.of("Africa/Casablanca");
    private static final Duration EXPIRY_WAIT = Duration.ofSeconds(30);

    /** The register's clock, set by the test; it does not tick on its own. */
    static final class SettableClock extends Clock {
        private volatile Instant now = Instant.now();

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            SettableClock view = this;
            return new Clock() {
                @Override
                public ZoneId getZone() {
                    return zone;
                }

                @Override
                public Clock withZone(ZoneId other) {
                    return view.withZone(other);
                }

                @Override
                public Instant instant() {
                    return view.instant();
                }
            };
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @TestConfiguration
    static class RegisterClock {
        @Bean
        SettableClock registerClock() {
            return new SettableClock();
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    SettableClock clock;

    Api api;
    String marrakechClerk;
    String fesClerk;
    String auditor;
    String analyst;
    String admin;

    @BeforeEach
    void tokens() {
        api = new Api(port);
        marrakechClerk = api.token("clerk-marrakech", List.of("CHAMBER_CLERK"), "MA-07");
        fesClerk = api.token("clerk-fes", List.of("CHAMBER_CLERK"), "MA-03");
        auditor = api.token("auditor", List.of("AUDITOR"), null);
        analyst = api.token("analyst", List.of("MINISTRY_ANALYST"), null);
        admin = api.token("admin", List.of("REGISTRY_ADMIN"), null);
    }

    @Test
    void relocationSuspensionCardExpiryAndStrikingOff() throws InterruptedException {
        LocalDate day = LocalDate.now(MOROCCO);
        clock.set(day.atTime(12, 0).atZone(MOROCCO).toInstant());
        JsonNode activity = api.get("/api/v1/reference/activities", marrakechClerk).body().get("activities").get(0);
        String branch = activity.get("branchCode").asText();

        // Registration, card, membership in Marrakech.
        Api.Reply registered = api.post("/api/v1/artisans", marrakechClerk,
                Api.artisan("LE123456", "MA-MAR", activity.get("code").asText()));
        assertThat(registered.status()).as(String.valueOf(registered.body())).isEqualTo(201);
        String id = registered.body().get("artisanId").asText();
        Api.Reply card = created(api.post("/api/v1/artisans/" + id + "/cards", marrakechClerk, Map.of()));
        String firstCard = card.body().get("cardNumber").asText();
        assertThat(card.body().get("validUntil").asText()).isEqualTo(day.toString());
        String bodyId = created(api.post("/api/v1/professional-bodies", admin, Map.of("level", "PROVINCIAL",
                "branchCode", branch, "territoryCode", "MA-MAR",
                "name", Map.of("ar", "الهيئة الإقليمية بمراكش", "fr", "Corporation provinciale de Marrakech"))))
                .body().get("bodyId").asText();
        Api.Reply joined = created(api.post("/api/v1/artisans/" + id + "/memberships", marrakechClerk,
                Map.of("bodyId", bodyId)));
        JsonNode view = view(id, marrakechClerk, joined);
        assertThat(view.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(view.get("card").get("status").asText()).isEqualTo("VALID");
        assertThat(view.get("memberships")).hasSize(1);
        Instant beforeMove = Instant.now();

        // Amendment: sealed like registration, shown in the history to the auditor, masked for the others.
        Api.Reply amended = ok(api.post("/api/v1/artisans/" + id + "/amendments", marrakechClerk,
                Map.of("phone", "+212 661 00 11 22", "reason", "nouveau numéro, demande du 3 mars")));
        assertThat(amended.body().get("amendedFields").get(0).asText()).isEqualTo("phone");
        assertThat(lastHistoryItem(id, auditor, amended).get("payload").get("reason").asText())
                .as("a reason stated for an event without a reason field").isEqualTo("nouveau numéro, demande du 3 mars");
        assertThat(lastHistoryItem(id, analyst, amended).get("payload").get("reason").asText()).isEqualTo("***");
        assertThat(lastHistoryItem(id, auditor, amended).get("payload").toString()).contains("+212661001122");
        assertThat(lastHistoryItem(id, marrakechClerk, amended).get("payload").toString())
                .as("the region's clerk reads the history masked").doesNotContain("661001122").contains("***");
        assertThat(lastHistoryItem(id, analyst, amended).get("payload").toString())
                .doesNotContain("661001122").contains("***");

        // Relocation to Fès: the region and the chamber follow; the Marrakech membership ends.
        Api.Reply moved = ok(api.post("/api/v1/artisans/" + id + "/relocation", marrakechClerk,
                Map.of("provinceCode", "MA-FES", "address", "Talaa Kebira 40, فاس")));
        assertThat(moved.body().get("regionCode").asText()).isEqualTo("MA-03");
        view = view(id, fesClerk, moved);
        assertThat(view.get("provinceCode").asText()).isEqualTo("MA-FES");
        assertThat(view.get("regionCode").asText()).isEqualTo("MA-03");
        assertThat(view.get("memberships")).isEmpty();
        assertThat(view.get("membershipHistory").get(0).get("cause").asText()).isEqualTo("RELOCATED");
        assertThat(view.get("card").get("valid").asBoolean()).isTrue();
        assertThat(api.get("/api/v1/artisans/" + id, marrakechClerk).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/artisans/" + id + "/suspension", marrakechClerk, Map.of("reason", "x")).status())
                .isEqualTo(403);
        assertThat(types(history(id, auditor, moved))).endsWith("ArtisanRelocated", "ProfessionalBodyMembershipEnded");
        JsonNode relocatedItem = history(id, auditor, moved).get(4);
        assertThat(relocatedItem.get("chamber").asText()).isEqualTo("MA-07");
        assertThat(relocatedItem.get("payload").get("personalData").get("address").asText()).isEqualTo("Talaa Kebira 40, فاس");
        assertThat(search("regionCode=MA-03", fesClerk, moved)).contains(id);
        assertThat(search("regionCode=MA-07", marrakechClerk, moved)).doesNotContain(id);
        JsonNode then = api.get("/api/v1/artisans/" + id + "?asOf=" + beforeMove, auditor).body();
        assertThat(then.get("regionCode").asText()).isEqualTo("MA-07");
        assertThat(then.get("memberships")).hasSize(1);

        // Suspension: no valid card while suspended, and the public check says why; then reinstatement.
        Api.Reply suspended = ok(api.post("/api/v1/artisans/" + id + "/suspension", fesClerk,
                Map.of("reason", "enquête de la chambre")));
        view = view(id, fesClerk, suspended);
        assertThat(view.get("status").asText()).isEqualTo("SUSPENDED");
        assertThat(view.get("card").get("valid").asBoolean()).isFalse();
        JsonNode check = verification(firstCard, suspended);
        assertThat(check.get("valid").asBoolean()).isFalse();
        assertThat(check.get("invalidBecause").asText()).isEqualTo("HOLDER_NOT_ACTIVE");
        assertThat(search("regionCode=MA-03&status=SUSPENDED", fesClerk, suspended)).contains(id);
        assertThat(lastHistoryItem(id, auditor, suspended).get("payload").get("reason").asText())
                .isEqualTo("enquête de la chambre");
        assertThat(lastHistoryItem(id, fesClerk, suspended).get("payload").get("reason").asText()).isEqualTo("***");
        Api.Reply reinstated = ok(api.post("/api/v1/artisans/" + id + "/reinstatement", fesClerk,
                Map.of("reason", "enquête close")));
        assertThat(verification(firstCard, reinstated).get("valid").asBoolean()).isTrue();

        // Loss and replacement one second before midnight of the card's last valid day.
        Api.Reply lost = ok(api.post("/api/v1/cards/" + firstCard + "/loss-report", fesClerk, null));
        assertThat(verification(firstCard, lost).get("status").asText()).isEqualTo("LOST");
        clock.set(day.plusDays(1).atStartOfDay(MOROCCO).toInstant().minusSeconds(1));
        Api.Reply replaced = created(api.post("/api/v1/cards/" + firstCard + "/replacement", fesClerk, null));
        String secondCard = replaced.body().get("cardNumber").asText();
        assertThat(secondCard).startsWith("C03-").isNotEqualTo(firstCard);
        assertThat(replaced.body().get("validUntil").asText()).isEqualTo(day.toString());
        assertThat(verification(secondCard, replaced).get("valid").asBoolean()).isTrue();
        assertThat(verification(firstCard, replaced).get("valid").asBoolean()).isFalse();

        // Midnight passes on the register's clock: the deadline records the expiry.
        clock.set(day.plusDays(1).atStartOfDay(MOROCCO).toInstant().plusMillis(500));
        JsonNode expired = awaitHistoryItem(id, "CardExpired");
        assertThat(expired.get("recordedBy").asText()).isEqualTo("system");
        assertThat(expired.get("payload").get("cardNumber").asText()).isEqualTo(secondCard);
        long expiredAt = expired.get("position").asLong();
        view = api.get("/api/v1/artisans/" + id + "?minPosition=" + expiredAt, fesClerk).body();
        assertThat(view.get("card").get("cardNumber").asText()).isEqualTo(secondCard);
        assertThat(view.get("card").get("status").asText()).isEqualTo("EXPIRED");
        assertThat(view.get("cards")).extracting(c -> c.get("status").asText()).containsExactly("LOST", "EXPIRED");
        check = api.get("/api/v1/cards/" + secondCard + "/verification?minPosition=" + expiredAt, null).body();
        assertThat(check.get("valid").asBoolean()).isFalse();
        assertThat(check.get("invalidBecause").asText()).isEqualTo("CARD_EXPIRED");

        // An enterprise of Fès supervised by the artisan, so that the striking-off below leaves it non-compliant.
        String enterpriseId = created(api.post("/api/v1/enterprises", fesClerk,
                Api.enterprise("LE654321", "MA-FES", activity.get("code").asText(), id)))
                .body().get("enterpriseId").asText();

        // Striking-off: final; no card any more.
        Api.Reply struck = ok(api.post("/api/v1/artisans/" + id + "/striking-off", fesClerk,
                Map.of("reason", "cessation définitive d'activité")));
        view = view(id, fesClerk, struck);
        assertThat(view.get("status").asText()).isEqualTo("STRUCK_OFF");
        assertThat(search("regionCode=MA-03&status=STRUCK_OFF", fesClerk, struck)).contains(id);
        Api.Reply noCard = api.post("/api/v1/artisans/" + id + "/cards", fesClerk, Map.of());
        assertThat(noCard.status()).isEqualTo(409);
        assertThat(noCard.body().get("rule").asText()).isEqualTo("artisan-must-be-active");
        assertThat(api.post("/api/v1/artisans/" + id + "/reinstatement", fesClerk, Map.of("reason", "appel")).status())
                .isEqualTo(409);

        // The compliance saga flags the enterprise; its notice reaches the Fès chamber, and only there.
        JsonNode notice = awaitItem("a notice about " + enterpriseId,
                () -> notifications("regionCode=MA-03", fesClerk).body().get("items"),
                item -> enterpriseId.equals(item.get("enterpriseId").asText()));
        assertThat(notice.get("regionCode").asText()).isEqualTo("MA-03");
        assertThat(notice.get("topic").asText()).isEqualTo("enterprise-non-compliant");
        assertThat(notice.get("message").get("fr").asText()).contains("Zellige de Fès SARL");
        assertThat(notice.get("message").get("ar").asText()).contains("مقاولة الزليج الفاسي");
        assertThat(notice.get("position").asLong()).isGreaterThan(position(struck));
        assertThat(notifications("regionCode=MA-03", marrakechClerk).status()).isEqualTo(403);
        assertThat(notifications("", marrakechClerk).body().get("items").toString()).doesNotContain(enterpriseId);
        assertThat(notifications("regionCode=MA-03", auditor).body().get("total").asLong()).isEqualTo(1);

        assertThat(types(history(id, auditor, struck))).containsExactly("ArtisanRegistered", "CardIssued",
                "ArtisanJoinedProfessionalBody", "ArtisanDetailsAmended", "ArtisanRelocated",
                "ProfessionalBodyMembershipEnded", "ArtisanSuspended", "ArtisanReinstated", "CardReportedLost",
                "CardReplaced", "CardExpired", "ArtisanStruckOff");
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    private static Api.Reply ok(Api.Reply reply) {
        assertThat(reply.status()).as(String.valueOf(reply.body())).isEqualTo(200);
        return reply;
    }

    private static Api.Reply created(Api.Reply reply) {
        assertThat(reply.status()).as(String.valueOf(reply.body())).isEqualTo(201);
        return reply;
    }

    private static long position(Api.Reply command) {
        return command.body().get("position").asLong();
    }

    private JsonNode view(String id, String token, Api.Reply after) {
        Api.Reply view = api.get("/api/v1/artisans/" + id + "?minPosition=" + position(after), token);
        assertThat(view.status()).as(String.valueOf(view.body())).isEqualTo(200);
        return view.body();
    }

    private JsonNode history(String id, String token, Api.Reply after) {
        Api.Reply history = api.get("/api/v1/artisans/" + id + "/history?size=100&minPosition=" + position(after),
                token);
        assertThat(history.status()).as(String.valueOf(history.body())).isEqualTo(200);
        return history.body().get("items");
    }

    private JsonNode lastHistoryItem(String id, String token, Api.Reply after) {
        JsonNode history = history(id, token, after);
        return history.get(history.size() - 1);
    }

    private static List<String> types(JsonNode history) {
        List<String> types = new ArrayList<>();
        history.forEach(item -> types.add(item.get("type").asText()));
        return types;
    }

    /** The public check once the views hold {@code after}: a caller without a token does not wait, so a reader does. */
    private JsonNode verification(String cardNumber, Api.Reply after) {
        Api.Reply caughtUp = api.get("/api/v1/artisans?size=1&minPosition=" + position(after), auditor);
        assertThat(caughtUp.status()).as(String.valueOf(caughtUp.body())).isEqualTo(200);
        Api.Reply check = api.get("/api/v1/cards/" + cardNumber + "/verification?minPosition=" + position(after), null);
        assertThat(check.status()).as(String.valueOf(check.body())).isEqualTo(200);
        return check.body();
    }

    private String search(String query, String token, Api.Reply after) {
        Api.Reply page = api.get("/api/v1/artisans?" + query + "&page=0&size=100&minPosition=" + position(after), token);
        assertThat(page.status()).as(String.valueOf(page.body())).isEqualTo(200);
        return page.body().get("items").toString();
    }

    private Api.Reply notifications(String query, String token) {
        return api.get("/api/v1/notifications?" + query, token);
    }

    /** The deadline runs on its own thread; the history is read from the store, so it shows the event once stored. */
    private JsonNode awaitHistoryItem(String id, String type) throws InterruptedException {
        return awaitItem(type + " in the history of " + id, () -> api.get("/api/v1/artisans/" + id + "/history?size=100",
                auditor).body().path("items"), item -> type.equals(item.get("type").asText()));
    }

    /** The first item of {@code list} that {@code matches}, read again until it appears: what a process left behind. */
    private static JsonNode awaitItem(String what, Supplier<JsonNode> list, Predicate<JsonNode> matches)
            throws InterruptedException {
        Instant giveUp = Instant.now().plus(EXPIRY_WAIT);
        while (Instant.now().isBefore(giveUp)) {
            for (JsonNode item : list.get()) {
                if (matches.test(item)) {
                    return item;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("No " + what + " within " + EXPIRY_WAIT);
    }
}
