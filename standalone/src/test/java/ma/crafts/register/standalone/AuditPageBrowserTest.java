package ma.crafts.register.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The auditor's page in a real browser: an artisan registered, given a card and suspended through the API; a dev
 * sign-in as auditor; the timeline with each event's changes beside the history API's; the state as of the
 * registration (the older state) and as of a date before it; the chain's verdict; the switch to Arabic. Any error in
 * the console fails it; screenshots land in {@code target/audit-page-screenshots}.
 */
@SharedRegisterContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditPageBrowserTest {
    /** Dakhla-Oued Ed-Dahab, through Oued Ed-Dahab: a region the other suites of the shared application leave alone. */
    private static final String REGION = "MA-12";
    private static final String PROVINCE = "MA-OUD";
    private static final String SUSPENSION_REASON = "audit page test";

    @LocalServerPort
    int port;

    private Api api;
    private String auditor;
    private String artisanId;
    private BrowserSession session;
    private ChromeDriver browser;

    @BeforeAll
    void registerAnArtisanAndOpenTheBrowser() throws IOException {
        BrowserSession.assumeInstalled("the auditor page's browser test");
        api = new Api(port);
        auditor = api.token("audit-page-test-auditor", List.of("AUDITOR"), null);
        artisanId = registerCardAndSuspend();
        session = BrowserSession.open(port, "audit-page-screenshots", "1400,2000");
        browser = session.browser();
    }

    @AfterAll
    void closeTheBrowser() {
        if (session != null) {
            session.close();
        }
    }

    @Test
    void showsTheTimelineWithItsChangesTheOlderStateAndTheVerdictInFrenchAndArabic() throws IOException {
        browser.get(session.base() + "/dashboard/audit.html");
        session.awaitPage("signed-out");
        new Select(browser.findElement(By.id("dev-role"))).selectByValue("AUDITOR");
        browser.findElement(By.id("dev-sign-in-button")).click();
        session.awaitPage("idle");
        browser.findElement(By.id("actor-id")).sendKeys(artisanId);
        browser.findElement(By.id("open-actor")).click();
        session.awaitPage("ready");
        session.screenshot("1-artisan-fr");

        JsonNode history = api.get("/api/v1/artisans/" + artisanId + "/history", auditor).body();
        List<WebElement> events = browser.findElements(By.cssSelector("#timeline .event"));
        assertThat(events).hasSize(history.get("total").asInt());
        assertTheDiffsAreTheHistorys(events, history.get("items"));
        WebElement suspension = events.get(events.size() - 1);
        assertThat(suspension.getAttribute("data-type")).isEqualTo("ArtisanSuspended");
        assertThat(suspension.getText()).contains(SUSPENSION_REASON);
        assertThat(diffRow(suspension, "status")).containsExactly("status", "ACTIVE", "SUSPENDED");
        assertThat(field("status")).isEqualTo("SUSPENDED");

        WebElement badge = browser.findElement(By.id("verification-badge"));
        assertThat(badge.getAttribute("data-valid")).isEqualTo("true");
        assertThat(badge.getText()).isEqualTo("Chaîne intègre");
        String headHash = api.get("/api/v1/audit/actors/" + artisanId + "/verification", auditor).body()
                .get("headHash").asText();
        assertThat(browser.findElement(By.id("verification-detail")).getText())
                .contains(String.valueOf(history.get("total").asInt())).contains(headHash);

        events.get(0).findElement(By.cssSelector("button.see-state")).click();
        session.awaitPage("ready");
        session.screenshot("2-as-of-registration");
        assertThat(field("status")).as("the state as of the registration").isEqualTo("ACTIVE");
        assertThat(browser.findElements(By.cssSelector("[data-field^='card.']"))).as("no card yet").isEmpty();
        assertThat(browser.findElement(By.id("as-of")).getAttribute("value")).as("to the minute; the picker drops :00")
                .startsWith(history.get("items").get(0).get("occurredAt").asText().substring(0, 16));
        assertThat(browser.findElements(By.cssSelector("#timeline .event.after-as-of")))
                .as("the card and the suspension came after").hasSize(events.size() - 1);

        browser.executeScript("document.getElementById('as-of').value = '2020-01-01T00:00:00'");
        browser.findElement(By.id("open-actor")).click();
        session.awaitPage("ready");
        assertThat(browser.findElement(By.id("state-as-of")).getText()).contains("pas encore inscrit");
        assertThat(browser.findElements(By.cssSelector("#state-fields dd"))).isEmpty();

        browser.findElement(By.id("language-switch")).click();
        assertThat(browser.findElement(By.tagName("html")).getAttribute("dir")).isEqualTo("rtl");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("ar");
        assertThat(browser.findElement(By.id("verification-badge")).getText()).isEqualTo("السلسلة سليمة");
        assertThat(browser.findElement(By.id("panel-timeline-title")).getText()).isEqualTo("التسلسل الزمني");
        assertThat(browser.findElements(By.cssSelector("#timeline .diff thead th")).get(1).getText()).isEqualTo("قبل");
        session.screenshot("3-arabic");

        session.assertSelfContainedAndQuiet();
    }

    /** Each event's change table shows the history API's changes, in order. */
    private static void assertTheDiffsAreTheHistorys(List<WebElement> events, JsonNode items) {
        for (int i = 0; i < events.size(); i++) {
            JsonNode changes = items.get(i).get("changes");
            List<WebElement> rows = events.get(i).findElements(By.cssSelector(".diff tbody tr"));
            assertThat(rows).as("changes of %s", items.get(i).get("type")).hasSize(changes.size());
            for (int row = 0; row < rows.size(); row++) {
                assertThat(rows.get(row).findElement(By.tagName("th")).getText())
                        .isEqualTo(changes.get(row).get("field").asText());
            }
        }
    }

    private static List<String> diffRow(WebElement event, String field) {
        return event.findElements(By.cssSelector(".diff tbody tr")).stream()
                .map(row -> row.findElements(By.cssSelector("th, td")).stream().map(WebElement::getText).toList())
                .filter(cells -> cells.get(0).equals(field)).findFirst().orElseThrow();
    }

    private String field(String path) {
        return browser.findElement(By.cssSelector("#state-fields dd[data-field='" + path + "']")).getText();
    }

    private String registerCardAndSuspend() {
        String clerk = api.token("audit-page-test-clerk", List.of("CHAMBER_CLERK"), REGION);
        String activity = api.get("/api/v1/reference/activities", clerk).body().get("activities").get(0)
                .get("code").asText();
        Api.Reply registered = api.post("/api/v1/artisans", clerk,
                Api.artisan(RegisterFixtures.freshCin(), PROVINCE, activity));
        assertThat(registered.status()).as("registration: %s", registered.body()).isEqualTo(201);
        String id = registered.body().get("artisanId").asText();
        Api.Reply card = api.post("/api/v1/artisans/" + id + "/cards", clerk, null);
        assertThat(card.status()).as("card: %s", card.body()).isEqualTo(201);
        Api.Reply suspension = api.post("/api/v1/artisans/" + id + "/suspension", clerk,
                Map.of("reason", SUSPENSION_REASON));
        assertThat(suspension.status()).as("suspension: %s", suspension.body()).isIn(200, 201);
        return id;
    }
}
