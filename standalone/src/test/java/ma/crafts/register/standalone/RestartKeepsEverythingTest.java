package ma.crafts.register.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The embedded default keeps its data (events, read models, keys, reservations) in the data dir, and its keys in the
 * key dir, across a restart; a dev token issued before the restart still works after it.
 */
class RestartKeepsEverythingTest {
    @TempDir
    Path home;

    @Test
    void restartKeepsArtisansCardsHistoryAndTheCinReservation() {
        String artisanId;
        String cardNumber;
        String activityCode;
        String clerk;
        try (ConfigurableApplicationContext first = RegisterOnDisk.start(home)) {
            Api api = new Api(SecondProcess.port(first));
            clerk = api.token("clerk", List.of("CHAMBER_CLERK"), "MA-07");
            activityCode = api.get("/api/v1/reference/activities", clerk).body().get("activities").get(0).get("code").asText();
            Api.Reply registered = api.post("/api/v1/artisans", clerk, Api.artisan("AB123", "MA-SAF", activityCode));
            assertThat(registered.status()).as(String.valueOf(registered.body())).isEqualTo(201);
            artisanId = registered.body().get("artisanId").asText();
            Api.Reply card = api.post("/api/v1/artisans/" + artisanId + "/cards", clerk, Map.of());
            cardNumber = card.body().get("cardNumber").asText();
            assertThat(api.get("/api/v1/artisans/" + artisanId + "?minPosition=" + card.body().get("position").asLong(), clerk)
                    .status()).isEqualTo(200);
        }
        try (ConfigurableApplicationContext second = RegisterOnDisk.start(home)) {
            Api api = new Api(SecondProcess.port(second));
            String auditor = api.token("auditor", List.of("AUDITOR"), null);
            Api.Reply read = api.get("/api/v1/artisans/" + artisanId, clerk);
            assertThat(read.status()).as("a dev token issued before the restart").isEqualTo(200);
            JsonNode view = read.body();
            assertThat(view.get("firstName").get("ar").asText()).isEqualTo("فاطمة");
            assertThat(view.get("card").get("cardNumber").asText()).isEqualTo(cardNumber);
            assertThat(api.get("/api/v1/artisans/" + artisanId + "/history", auditor).body().get("items")).hasSize(2);
            assertThat(api.get("/api/v1/cards/" + cardNumber + "/verification", null).body().get("valid").asBoolean()).isTrue();
            Api.Reply again = api.post("/api/v1/artisans", clerk, Api.artisan("AB123", "MA-SAF", activityCode));
            assertThat(again.status()).isEqualTo(409);
        }
        assertThat(home.resolve("keys/master.key")).exists();
        assertThat(home.resolve("keys/dev-token.key")).exists();
        assertThat(home.resolve("data/master.key")).as("no key inside the data directory").doesNotExist();
    }
}
