package ma.crafts.register.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import ma.crafts.register.command.CommandSideApplication;
import ma.crafts.register.platform.mongo.RegisterMongoConnection;
import ma.crafts.register.query.QuerySideApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The split deployment: the command side and the query side as two applications on one MongoDB (the command side's
 * embedded server). Both have a deadline manager on the shared store, but only the command side holds the aggregates
 * a card-expiry deadline is for; every card must still expire, with {@code CardExpired} in its history. The query
 * side is made the eager one (it would poll every 100 ms, the command side every second), so a query side that took
 * deadlines would take nearly all of them.
 */
class SplitDeploymentDeadlinesTest {
    private static final ZoneId MOROCCO = ZoneId.of("Africa/Casablanca");
    private static final int CARDS = 6;
    private static final Duration EXPIRY_WAIT = Duration.ofSeconds(45);

    @Configuration(proxyBeanMethods = false)
    static class RegisterClock {
        @Bean
        LifecycleEndToEndTest.SettableClock registerClock() {
            return new LifecycleEndToEndTest.SettableClock();
        }
    }

    @Test
    void everyCardExpiresWithCardExpiredInItsHistory() throws InterruptedException {
        try (ConfigurableApplicationContext commandSide = new SpringApplicationBuilder(CommandSideApplication.class,
                RegisterClock.class).properties(common(Map.of(
                        "register.mongodb.embedded.backend", "memory",
                        "register.mongodb.embedded.port", "0",
                        "register.policy.card-validity", "P1D",
                        "register.deadlines.poll-interval", "PT1S"))).run()) {
            RegisterMongoConnection store = commandSide.getBean(RegisterMongoConnection.class);
            try (ConfigurableApplicationContext querySide = new SpringApplicationBuilder(QuerySideApplication.class)
                    .properties(common(Map.of(
                            "register.mongodb.uri", store.connectionString().getConnectionString(),
                            "register.mongodb.database", store.database(),
                            "register.deadlines.poll-interval", "PT0.1S"))).run()) {
                Api commands = new Api(portOf(commandSide));
                Api queries = new Api(portOf(querySide));
                LifecycleEndToEndTest.SettableClock clock = commandSide.getBean(LifecycleEndToEndTest.SettableClock.class);
                String clerk = commands.token("clerk-marrakech", List.of("CHAMBER_CLERK"), "MA-07");
                String auditor = queries.token("auditor", List.of("AUDITOR"), null);

                LocalDate day = LocalDate.now(MOROCCO);
                clock.set(day.plusDays(1).atStartOfDay(MOROCCO).toInstant().minusSeconds(1));
                Map<String, String> cardOf = new HashMap<>();
                for (int i = 0; i < CARDS; i++) {
                    Api.Reply registered = commands.post("/api/v1/artisans", clerk, Api.artisan(
                            "SD" + ThreadLocalRandom.current().nextInt(100_000, 999_999), "MA-MAR", "B08-001"));
                    assertThat(registered.status()).as(String.valueOf(registered.body())).isEqualTo(201);
                    String artisanId = registered.body().get("artisanId").asText();
                    Api.Reply issued = commands.post("/api/v1/artisans/" + artisanId + "/cards", clerk, null);
                    assertThat(issued.status()).as(String.valueOf(issued.body())).isEqualTo(201);
                    assertThat(issued.body().get("validUntil").asText()).isEqualTo(day.toString());
                    cardOf.put(artisanId, issued.body().get("cardNumber").asText());
                }
                // Midnight passes on the register's clock: the cards' last valid day is over.
                clock.set(day.plusDays(1).atStartOfDay(MOROCCO).toInstant().plusMillis(500));

                for (Map.Entry<String, String> card : cardOf.entrySet()) {
                    JsonNode expired = awaitCardExpired(queries, auditor, card.getKey());
                    assertThat(expired.get("payload").get("cardNumber").asText()).isEqualTo(card.getValue());
                }
            }
        }
    }

    private static Map<String, Object> common(Map<String, Object> specific) {
        Map<String, Object> properties = new HashMap<>(specific);
        properties.put("server.port", "0");
        properties.put("register.auth.mode", "dev");
        properties.put("register.privacy.master-key", SharedRegisterContext.MASTER_KEY);
        return properties;
    }

    private static int portOf(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private static JsonNode awaitCardExpired(Api queries, String auditor, String artisanId) throws InterruptedException {
        Instant giveUp = Instant.now().plus(EXPIRY_WAIT);
        List<String> lastSeen = new ArrayList<>();
        while (Instant.now().isBefore(giveUp)) {
            Api.Reply history = queries.get("/api/v1/artisans/" + artisanId + "/history", auditor);
            lastSeen.clear();
            if (history.status() == 200) {
                for (JsonNode item : history.body().get("items")) {
                    lastSeen.add(item.get("type").asText());
                    if ("CardExpired".equals(item.get("type").asText())) {
                        return item;
                    }
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("No CardExpired in the history of " + artisanId + " within " + EXPIRY_WAIT
                + "; it holds " + lastSeen);
    }
}
