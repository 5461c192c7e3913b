package ma.crafts.register.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Debian chromium driven through chromium-driver, as the register's pages are tested in it: it collects
 * the console's errors, waits for a page's {@code body[data-state]}, lists what a page loaded from elsewhere and keeps
 * screenshots under {@code target/<screenshots>}. The test that opens one is skipped, saying so, where the two
 * binaries are not installed.
 */
final class BrowserSession implements AutoCloseable {
    static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final String base;
    private final Path screenshots;
    private final ChromeDriverService driverService;
    private final ChromeDriver browser;
    private final List<String> consoleErrors = new ArrayList<>();

    private BrowserSession(String base, Path screenshots, String windowSize) throws IOException {
        this.base = base;
        this.screenshots = Files.createDirectories(screenshots);
        driverService = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=" + windowSize,
                "--user-data-dir=" + Files.createTempDirectory("register-chromium").toAbsolutePath());
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        browser = new ChromeDriver(driverService, options);
    }

    /** Skips the calling test when chromium or its driver is missing. */
    static void assumeInstalled(String what) {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "SKIPPED: no " + CHROMIUM + " or " + CHROMEDRIVER + "; install them with "
                        + "`apt-get install -y chromium chromium-driver` (.ci/run does) to run " + what);
    }

    /** @param windowSize chromium's {@code --window-size}, e.g. {@code 1400,2300} */
    static BrowserSession open(int port, String screenshotDirectory, String windowSize) throws IOException {
        return new BrowserSession("http://127.0.0.1:" + port, Path.of("target", screenshotDirectory), windowSize);
    }

    ChromeDriver browser() {
        return browser;
    }

    String base() {
        return base;
    }

    void awaitPage(String state) {
        new WebDriverWait(browser, PATIENCE).withMessage(() -> "the page to be " + state + "; it is "
                        + browser.findElement(By.tagName("body")).getAttribute("data-state") + ", "
                        + browser.findElement(By.id("load-error")).getText())
                .until(b -> state.equals(b.findElement(By.tagName("body")).getAttribute("data-state")));
        collectConsoleErrors();
    }

    /** Every asset comes from the register itself, and the console logged no error. */
    @SuppressWarnings("unchecked")
    void assertSelfContainedAndQuiet() {
        List<String> resources = (List<String>) browser.executeScript(
                "return performance.getEntriesByType('resource').map(e => e.name)");
        assertThat(resources.stream().filter(url -> !url.startsWith(base + "/")).toList())
                .as("assets from elsewhere than the register").isEmpty();
        collectConsoleErrors();
        assertThat(consoleErrors).as("errors in the browser's console").isEmpty();
    }

    private void collectConsoleErrors() {
        for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                consoleErrors.add(entry.getMessage());
            }
        }
    }

    void screenshot(String name) throws IOException {
        File shot = browser.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), screenshots.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() {
        browser.quit();
        driverService.stop();
    }
}
