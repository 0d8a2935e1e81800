package org.dockaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;

/**
 * The HTML report of the recorded lab, opened from a file in Debian's headless Chromium, read from
 * the DOM after its script ran. Chromium is started with its background traffic off: the page must
 * not need the network, and the machine has none. The screenshot stays in
 * {@code cli/target/html-report/} as the test's artifacts: the whole page, and the namespace map.
 */
class HtmlReportIT {

    private static final Path PROJECT = Path.of(System.getProperty("dockaudit.project", "..")).toAbsolutePath().normalize();
    private static final Path OUT = PROJECT.resolve("cli/target/html-report");
    private static ChromeDriver browser;
    @TempDir
    static Path profile;

    @BeforeAll
    static void open() throws Exception {
        Files.createDirectories(OUT);
        Path report = OUT.resolve("lab.html");
        Cli cli = Cli.run("analyze", PROJECT.resolve("examples/lab-snapshot.json").toString(), "--format", "html", "-o", report.toString());
        assertThat(cli.exitCode()).as(cli.err()).isIn(0, 1);

        ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium")
                .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().window().setSize(new Dimension(1280, 1000));
        browser.get(report.toUri().toString());
        assertThat(browser.findElement(By.tagName("body")).getAttribute("data-ready")).as("the report's script ran to its end")
                .isEqualTo("true");
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theMatrixTheCardsAndTheMapAreThereWithNoConsoleError() throws Exception {
        List<WebElement> rows = browser.findElements(By.cssSelector("#recap-matrix tbody tr"));
        assertThat(rows).hasSize(9);
        assertThat(browser.findElements(By.cssSelector("#recap-matrix td.sev-critical a"))).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("article.card"))).hasSize(7);
        assertThat(browser.findElements(By.cssSelector("#namespace-map circle"))).as("the host and the running containers").hasSizeGreaterThan(3);
        assertThat(browser.findElements(By.cssSelector("#namespace-map line.ns-net"))).as("lab-sidecar in lab-socket's network").isNotEmpty();
        assertThat(browser.findElement(By.id("namespace-map")).getRect().getWidth()).isGreaterThan(500);
        assertThat(browser.findElements(By.cssSelector("#seccomp article.policy table.abis tbody tr"))).as("per ABI of each policy")
                .hasSizeGreaterThanOrEqualTo(3);

        List<LogEntry> console = browser.manage().logs().get(LogType.BROWSER).getAll();
        assertThat(console).as("console messages").isEmpty();

        // The artifact: the whole page, as tall as it is.
        long height = (Long) ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollHeight");
        browser.manage().window().setSize(new Dimension(1280, (int) Math.min(height, 16000)));
        Files.write(OUT.resolve("lab.png"), browser.getScreenshotAs(OutputType.BYTES));
        Files.write(OUT.resolve("namespace-map.png"), browser.findElement(By.id("namespace-map")).getScreenshotAs(OutputType.BYTES));
        browser.manage().window().setSize(new Dimension(1280, 1000));
    }

    @Test
    void theFiltersHideWhatTheyExclude() {
        try {
            for (WebElement box : browser.findElements(By.cssSelector("input[name=severity]"))) {
                if (!box.getAttribute("value").equals("critical")) {
                    box.click();
                }
            }
            List<WebElement> shown = visible("li.finding, .group");
            assertThat(shown).isNotEmpty().allSatisfy(finding -> assertThat(finding.getAttribute("data-severity")).isEqualTo("critical"));
            assertThat(browser.findElement(By.id("filter-status")).getText()).matches("\\d+ of \\d+ findings shown");

            browser.findElement(By.id("filter-reset")).click();
            new Select(browser.findElement(By.id("filter-container"))).selectByValue("lab-device");
            assertThat(visible("article.card")).extracting(card -> card.getAttribute("data-name")).containsExactly("lab-device");

            browser.findElement(By.id("filter-reset")).click();
            browser.findElement(By.id("filter-search")).sendKeys("docker.sock");
            waitForFilter();
            assertThat(visible("li.finding")).isNotEmpty().allSatisfy(finding -> assertThat(finding.getText()).contains("docker.sock"));

            // A cell of the recap matrix shows its findings.
            browser.findElement(By.id("filter-reset")).click();
            // As a reader sees it: the matrix at the top of the page, not scrolled under the sticky filters.
            ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0)");
            WebElement cell = browser.findElement(By.cssSelector("#recap-matrix td.sev-critical a"));
            String area = cell.getAttribute("data-area");
            String threat = cell.getAttribute("data-threat");
            cell.click();
            assertThat(new Select(browser.findElement(By.id("filter-area"))).getFirstSelectedOption().getAttribute("value")).isEqualTo(area);
            assertThat(visible("section.area")).extracting(section -> section.getAttribute("id")).containsExactly("area-" + area);
            assertThat(visible(".group")).isNotEmpty().allSatisfy(group -> assertThat(group.getAttribute("data-threats")).contains(threat));
        } finally {
            browser.findElement(By.id("filter-reset")).click();
        }
    }

    private static List<WebElement> visible(String selector) {
        return browser.findElements(By.cssSelector(selector)).stream().filter(WebElement::isDisplayed).toList();
    }

    /** The search applies 120 ms after the last key, not to every key. */
    private static void waitForFilter() {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (browser.findElement(By.id("filter-status")).getText().isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }
}
