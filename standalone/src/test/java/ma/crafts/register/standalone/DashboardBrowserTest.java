package ma.crafts.register.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.assertj.core.data.Offset;
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
 * The dashboard in a real browser (Debian's chromium through chromium-driver): a known data set registered through the
 * API, a dev sign-in as the ministry's analyst, the figures the page shows against the statistics API's, the switch to
 * Arabic, a region filter, and the regions panel's CSV and PNG downloads. Any error in the browser's console fails
 * it; screenshots land in {@code target/dashboard-screenshots}.
 */
@SharedRegisterContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserTest {

    /** Guelmim-Oued Noun, through Sidi Ifni: a region the other suites of the shared application leave alone. */
    private static final String REGION = "MA-10";
    private static final String PROVINCE = "MA-SIF";
    private static final String REGION_NAME_AR = "كلميم - وادي نون";
    private static final Duration PATIENCE = BrowserSession.PATIENCE;

    /** The data set: three women and two men; the second man suspended (still in the register), two women with a card. */
    private static final int ACTORS = 5;
    private static final int ACTIVE_ARTISANS = 4;
    private static final int ACTIVE_WOMEN = 3;
    private static final int VALID_CARDS = 2;

    @LocalServerPort
    int port;

    private Api api;
    private String analyst;
    private BrowserSession session;
    private ChromeDriver browser;
    private Path downloads;

    @BeforeAll
    void registerTheDataSetAndOpenTheBrowser() throws IOException {
        BrowserSession.assumeInstalled("the dashboard's browser test");
        api = new Api(port);
        analyst = api.token("dashboard-test-analyst", List.of("MINISTRY_ANALYST"), null);
        registerTheDataSet();
        awaitStatistics(REGION, ACTORS);

        session = BrowserSession.open(port, "dashboard-screenshots", "1400,2300");
        browser = session.browser();
        downloads = Files.createTempDirectory("dashboard-downloads").toAbsolutePath();
        browser.executeCdpCommand("Browser.setDownloadBehavior",
                Map.of("behavior", "allow", "downloadPath", downloads.toString()));
    }

    @AfterAll
    void closeTheBrowser() {
        if (session != null) {
            session.close();
        }
    }

    @Test
    void showsTheApisFiguresInFrenchAndArabicAndFollowsARegionFilter() throws IOException {
        browser.get(base() + "/dashboard/");
        awaitPage("signed-out");
        new Select(browser.findElement(By.id("dev-role"))).selectByValue("MINISTRY_ANALYST");
        browser.findElement(By.id("dev-sign-in-button")).click();
        awaitPage("ready");
        screenshot("1-signed-in-fr");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("dir")).isEqualTo("ltr");
        assertThat(browser.findElement(By.id("panel-key-figures-title")).getText()).isEqualTo("Chiffres clés");
        assertTheFiguresAreTheApis(null);
        assertThat(browser.findElement(By.id("freshness")).getText()).contains("position");

        browser.findElement(By.id("language-switch")).click();
        assertThat(browser.findElement(By.tagName("html")).getAttribute("dir")).isEqualTo("rtl");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("ar");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("السجل الوطني للصناعة التقليدية");
        assertThat(browser.findElement(By.id("panel-key-figures-title")).getText()).isEqualTo("أرقام رئيسية");
        assertThat(browser.findElement(By.id("apply-filters")).getText()).isEqualTo("تطبيق");
        Select region = new Select(browser.findElement(By.id("filter-region")));
        region.selectByValue(REGION);
        assertThat(region.getFirstSelectedOption().getText()).isEqualTo(REGION_NAME_AR);
        screenshot("2-arabic");

        browser.findElement(By.id("apply-filters")).click();
        awaitPage("ready");
        screenshot("3-arabic-region-" + REGION);
        Map<String, Long> regional = assertTheFiguresAreTheApis(REGION);
        assertThat(regional.get("figure-actors")).isGreaterThanOrEqualTo(ACTORS);
        assertThat(regional.get("figure-active-artisans")).isGreaterThanOrEqualTo(ACTIVE_ARTISANS);
        assertThat(regional.get("figure-valid-cards")).isGreaterThanOrEqualTo(VALID_CARDS);
        assertThat(browser.findElement(By.id("filter-summary")).getText()).contains(REGION_NAME_AR);

        assertTheRegionsPanelDownloads(regional.get("figure-actors"));

        session.assertSelfContainedAndQuiet();
    }

    /** The key figures the page shows, by element id, once checked against the statistics API's for that region. */
    private Map<String, Long> assertTheFiguresAreTheApis(String regionCode) {
        String region = regionCode == null ? "" : "&regionCode=" + regionCode;
        long activeArtisans = total("actorKind=ARTISAN&status=ACTIVE" + region);
        long activeWomen = total("actorKind=ARTISAN&status=ACTIVE&gender=F" + region);
        Map<String, Long> expected = Map.of(
                "figure-actors", total("status=ACTIVE" + region) + total("status=SUSPENDED" + region),
                "figure-active-artisans", activeArtisans,
                "figure-valid-cards", total("cardStatus=VALID" + region),
                "figure-body-members", total("member=true" + region));
        Map<String, Long> shown = new HashMap<>();
        expected.forEach((id, count) -> {
            long figure = digits(browser.findElement(By.id(id)).getText());
            assertThat(figure).as("%s shown for %s", id, regionCode == null ? "the country" : regionCode).isEqualTo(count);
            shown.put(id, figure);
        });
        String share = browser.findElement(By.id("figure-women-share")).getAttribute("data-value");
        assertThat(Double.parseDouble(share)).as("share of women among active artisans")
                .isCloseTo((double) activeWomen / activeArtisans, Offset.offset(1e-9));
        return shown;
    }

    /** The regions panel as CSV (UTF-8 with BOM, names in the page's language) and as a PNG picture. */
    private void assertTheRegionsPanelDownloads(long actorsInRegion) throws IOException {
        List<WebElement> buttons = browser.findElements(By.cssSelector("#panel-regions .panel-actions button"));
        buttons.get(0).click();
        buttons.get(1).click();
        byte[] csv = awaitDownload(".csv");
        byte[] png = awaitDownload(".png");
        assertThat(csv).startsWith(0xEF, 0xBB, 0xBF);
        String text = new String(csv, StandardCharsets.UTF_8);
        assertThat(text).contains("\"" + REGION_NAME_AR + "\",\"" + actorsInRegion + "\"");
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
    }

    private byte[] awaitDownload(String extension) throws IOException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            try (Stream<Path> files = Files.list(downloads)) {
                Optional<Path> file = files.filter(f -> f.getFileName().toString().endsWith(extension)).findFirst();
                if (file.isPresent()) {
                    return Files.readAllBytes(file.get());
                }
            }
            sleep();
        }
        throw new AssertionError("no " + extension + " download in " + downloads + " within " + PATIENCE);
    }

    private long total(String query) {
        Api.Reply reply = api.get("/api/v1/statistics/actors?" + query, analyst);
        assertThat(reply.status()).as("statistics ?%s: %s", query, reply.body()).isEqualTo(200);
        return reply.body().get("total").asLong();
    }

    /** The number a figure shows, whatever digits and grouping the page's language writes it with. */
    private static long digits(String text) {
        StringBuilder number = new StringBuilder();
        text.codePoints().filter(Character::isDigit).forEach(c -> number.append(Character.digit(c, 10)));
        assertThat(number).as("a figure in '%s'", text).isNotEmpty();
        return Long.parseLong(number.toString());
    }

    private void registerTheDataSet() {
        String clerk = api.token("dashboard-test-clerk", List.of("CHAMBER_CLERK"), REGION);
        String activity = api.get("/api/v1/reference/activities", clerk).body().get("activities").get(0)
                .get("code").asText();
        List<String> artisans = new ArrayList<>();
        for (String gender : List.of("F", "F", "F", "M", "M")) {
            Map<String, Object> applicant = new HashMap<>(Api.artisan(RegisterFixtures.freshCin(), PROVINCE, activity));
            applicant.put("gender", gender);
            Api.Reply registered = api.post("/api/v1/artisans", clerk, applicant);
            assertThat(registered.status()).as("registration: %s", registered.body()).isEqualTo(201);
            artisans.add(registered.body().get("artisanId").asText());
        }
        for (String artisan : artisans.subList(0, VALID_CARDS)) {
            Api.Reply card = api.post("/api/v1/artisans/" + artisan + "/cards", clerk, null);
            assertThat(card.status()).as("card: %s", card.body()).isEqualTo(201);
        }
        Api.Reply suspension = api.post("/api/v1/artisans/" + artisans.get(4) + "/suspension", clerk,
                Map.of("reason", "dashboard test"));
        assertThat(suspension.status()).as("suspension: %s", suspension.body()).isIn(200, 201);
    }

    /** The statistics follow the store asynchronously: wait until the region counts the data set. */
    private void awaitStatistics(String regionCode, long atLeast) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            Api.Reply reply = api.get("/api/v1/statistics/actors?regionCode=" + regionCode, analyst);
            JsonNode total = reply.body() == null ? null : reply.body().get("total");
            if (reply.status() == 200 && total != null && total.asLong() >= atLeast) {
                return;
            }
            sleep();
        }
        throw new AssertionError("the statistics of " + regionCode + " did not count the data set within " + PATIENCE);
    }

    private void awaitPage(String state) {
        session.awaitPage(state);
    }

    private void screenshot(String name) throws IOException {
        session.screenshot(name);
    }

    private String base() {
        return session.base();
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
