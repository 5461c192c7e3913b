package ma.crafts.register.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import ma.crafts.register.eventstore.HashChain;
import ma.crafts.register.eventstore.MongoEventStorageEngine;
import ma.crafts.register.platform.privacy.PersonalDataVault;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Law 09-08 erasure by crypto-shredding: once the vault destroys an artisan's key, the legal record (its events, their
 * positions, the hash chain) is untouched, while no read (any role, the view, the public card check) shows its names
 * any more and no collection holds them in clear.
 */
@SharedRegisterContext
class PersonalDataErasureTest {

    private static final String ARABIC_LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي";
    private static final List<String> ROLES = List.of("AUDITOR", "MINISTRY_ANALYST", "CHAMBER_CLERK");

    @LocalServerPort
    int port;
    @Autowired
    PersonalDataVault vault;
    @Autowired
    MongoEventStorageEngine storageEngine;
    @Autowired
    EventStore eventStore;
    @Autowired
    MongoDatabase database;

    @Test
    void erasingTheKeyKeepsTheHistoryAndHidesTheNamesEverywhere() {
        Api api = new Api(port);
        String clerk = api.token("clerk-marrakech", List.of("CHAMBER_CLERK"), "MA-07");
        String auditor = api.token("auditor", List.of("AUDITOR"), null);
        String activityCode = api.get("/api/v1/reference/activities", clerk).body().get("activities").get(0).get("code").asText();
        // Names and contact details no other test uses, so finding them anywhere means finding this artisan's.
        String suffix = randomArabic(6);
        String arabicFirst = "غيثة" + suffix;
        String frenchLast = "Bennis-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        String cin = "ER" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
        String phone = "+2126" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
        Map<String, Object> request = Map.of("cin", cin,
                "firstName", Map.of("ar", arabicFirst, "fr", "Ghita"),
                "lastName", Map.of("ar", "بنيس", "fr", frenchLast),
                "birthDate", "1979-11-23", "gender", "F", "phone", phone,
                "address", "Derb Sidi Bouloukat 7, Marrakech", "provinceCode", "MA-MAR", "activityCode", activityCode,
                "qualification", Map.of("route", "EXPERIENCE", "yearsOfPractice", 14));
        List<String> inClear = List.of(arabicFirst, frenchLast, cin, phone);

        Api.Reply registered = api.post("/api/v1/artisans", clerk, request);
        assertThat(registered.status()).as(String.valueOf(registered.body())).isEqualTo(201);
        String artisanId = registered.body().get("artisanId").asText();
        Api.Reply card = api.post("/api/v1/artisans/" + artisanId + "/cards", clerk, Map.of());
        assertThat(card.status()).as(String.valueOf(card.body())).isEqualTo(201);
        long position = card.body().get("position").asLong();
        String check = "/api/v1/card-checks/" + card.body().get("checkCode").asText();

        JsonNode before = api.get("/api/v1/artisans/" + artisanId + "?minPosition=" + position, auditor).body();
        assertThat(before.get("firstName").get("ar").asText()).isEqualTo(arabicFirst);
        assertThat(before.get("personalDataErased").asBoolean()).isFalse();
        assertThat(api.get(check, null).body().get("holderInitials").isNull()).isFalse();
        JsonNode historyBefore = api.get("/api/v1/artisans/" + artisanId + "/history", auditor).body().get("items");
        List<String> eventsBefore = storedEvents(artisanId);
        assertThat(eventsBefore).hasSizeGreaterThanOrEqualTo(2);
        assertThat(collectionsHolding(inClear)).as("personal data is sealed before any erasure").isEmpty();

        vault.erase(artisanId);

        assertThat(storedEvents(artisanId)).as("the same events at the same positions").isEqualTo(eventsBefore);
        assertThat(positionsSequencesAndTypes(api.get("/api/v1/artisans/" + artisanId + "/history", auditor).body()
                .get("items")))
                .isEqualTo(positionsSequencesAndTypes(historyBefore));
        HashChain.Verification chain = storageEngine.verifyStream(artisanId);
        assertThat(chain.intact()).as(String.valueOf(chain.problems())).isTrue();
        assertThat(chain.eventsChecked()).isEqualTo(eventsBefore.size());

        for (String role : ROLES) {
            String token = api.token("reader-" + role.toLowerCase(), List.of(role), role.equals("CHAMBER_CLERK") ? "MA-07" : null);
            Api.Reply view = api.get("/api/v1/artisans/" + artisanId, token);
            assertThat(view.status()).as(role).isEqualTo(200);
            assertThat(view.body().get("firstName").isNull()).as("first name for %s", role).isTrue();
            assertThat(view.body().get("lastName").isNull()).as("last name for %s", role).isTrue();
            assertThat(view.body().get("personalDataErased").asBoolean()).as("erased flag for %s", role).isTrue();
        }
        assertThat(api.get(check, null).body().get("holderInitials").isNull()).isTrue();
        assertThat(collectionsHolding(inClear)).isEmpty();
    }

    /** Each event of the artisan's stream as the store returns it: position, sequence, identifier and type. */
    private List<String> storedEvents(String artisanId) {
        List<String> events = new ArrayList<>();
        eventStore.readEvents(artisanId).asStream().forEach(e -> events.add(
                e.getMetaData().get("globalPosition") + "#" + e.getSequenceNumber() + "#" + e.getIdentifier() + "#"
                        + e.getPayloadType().getSimpleName()));
        return events;
    }

    private static List<String> positionsSequencesAndTypes(JsonNode history) {
        List<String> items = new ArrayList<>();
        history.forEach(item -> items.add(item.get("position").asText() + "#" + item.get("sequence").asText() + "#"
                + item.get("type").asText() + "#" + item.get("occurredAt").asText()));
        return items;
    }

    /** Names of the collections with a string containing any of {@code values}, anywhere in any document. */
    private List<String> collectionsHolding(List<String> values) {
        List<String> holding = new ArrayList<>();
        for (String name : database.listCollectionNames()) {
            for (Document document : database.getCollection(name).find()) {
                if (contains(document, values)) {
                    holding.add(name);
                    break;
                }
            }
        }
        return holding;
    }

    private static boolean contains(Object value, List<String> values) {
        if (value instanceof String text) {
            return values.stream().anyMatch(text::contains);
        }
        if (value instanceof Document document) {
            return document.values().stream().anyMatch(v -> contains(v, values));
        }
        if (value instanceof List<?> list) {
            return list.stream().anyMatch(v -> contains(v, values));
        }
        return false;
    }

    private static String randomArabic(int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append(ARABIC_LETTERS.charAt(ThreadLocalRandom.current().nextInt(ARABIC_LETTERS.length())));
        }
        return text.toString();
    }
}
