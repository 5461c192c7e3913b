package ma.crafts.register.query.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ma.crafts.register.query.support.HttpApi;
import ma.crafts.register.query.support.QueryRestContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The dashboard's page, its assets and its settings are served without a token, from this application alone.
 */
@QueryRestContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardPageTest {

    private static final Pattern ASSET = Pattern.compile("(?:src|href)=\"([^\"#]+)\"");
    /** The optional reads the page asks the settings about, by the operation that serves each. */
    private static final Map<String, String> OPTIONAL_READS = Map.of(
            "statistics", "/api/v1/statistics/actors",
            "flows", "/api/v1/statistics/flows",
            "eligibleCounts", "/api/v1/programmes/{programId}/eligible/count");

    @LocalServerPort
    int port;

    private HttpApi api;

    @BeforeAll
    void client() {
        api = new HttpApi(port);
    }

    @Test
    void thePageAndEveryAssetItNamesAreServedHereWithoutAToken() {
        assertThat(servedWithEveryAsset("")).contains("vendor/echarts/echarts.min.js", "dashboard.js", "dashboard.css",
                "page.js", "audit.html");
        assertThat(api.get("/dashboard/vendor/echarts/LICENSE", null, "*/*").status()).isEqualTo(200);
    }

    @Test
    void theAuditorsPageAndEveryAssetItNamesAreServedHereWithoutAToken() {
        assertThat(servedWithEveryAsset("audit.html")).contains("audit.js", "page.js", "dashboard.css", "./");
    }

    /** The page at {@code /dashboard/<page>} and every path it names, each answered here without a token. */
    private List<String> servedWithEveryAsset(String page) {
        HttpApi.Response served = api.get("/dashboard/" + page, null, "text/html");
        assertThat(served.status()).isEqualTo(200);
        assertThat(served.contentType()).startsWith("text/html");
        List<String> assets = new ArrayList<>();
        Matcher asset = ASSET.matcher(served.text());
        while (asset.find()) {
            assets.add(asset.group(1));
        }
        assertThat(assets).allSatisfy(path -> assertThat(path).as("a path of this application, not another host's")
                .doesNotContain("//").doesNotStartWith("/"));
        URI address = URI.create("/dashboard/" + page);
        for (String path : assets.stream().filter(p -> !p.startsWith("data:")).toList()) {
            assertThat(api.get(address.resolve(path).toString(), null, "*/*").status()).as(path).isEqualTo(200);
        }
        return assets;
    }

    @Test
    void theAddressWithoutItsSlashLeadsToThePage() {
        HttpApi.Response bare = api.get("/dashboard", null, "text/html");
        assertThat(bare.status()).isEqualTo(302);
        assertThat(bare.header("Location")).endsWith("/dashboard/");
    }

    @Test
    void theSettingsNameTheSignInAndExactlyTheOptionalReadsThisApplicationServes() {
        HttpApi.Response config = api.get(DashboardConfigController.PATH, null);
        assertThat(config.status()).isEqualTo(200);
        assertThat(config.body().get("signIn").asText()).isEqualTo("dev");
        List<String> served = new ArrayList<>();
        config.body().get("served").forEach(name -> served.add(name.asText()));

        JsonNode paths = api.get("/v3/api-docs", null).body().get("paths");
        List<String> documented = OPTIONAL_READS.entrySet().stream()
                .filter(read -> paths.path(read.getValue()).has("get")).map(Map.Entry::getKey).toList();
        assertThat(served).containsExactlyInAnyOrderElementsOf(documented);
    }
}
