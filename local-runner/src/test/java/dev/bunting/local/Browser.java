package dev.bunting.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.FluentWait;

/**
 * Debian's Chromium, headless, driven through its ChromeDriver, finding elements as a person would: by their role and
 * accessible name. Without Chromium the tests that need it are skipped, loudly; under CI ({@code CI=true}) they fail,
 * so a green CI never hides them.
 */
final class Browser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    /** The CSS that finds the candidates for each ARIA role the tests ask for; their names are the browser's own. */
    private static final Map<String, String> ROLES = Map.ofEntries(
            Map.entry("button", "button, [role=button]"),
            Map.entry("switch", "[role=switch]"),
            Map.entry("link", "a[href]"),
            Map.entry(
                    "textbox",
                    "input:not([type]), input[type=text], input[type=email], input[type=password], textarea"),
            Map.entry("searchbox", "input[type=search]"),
            Map.entry("combobox", "select"),
            Map.entry("checkbox", "input[type=checkbox]"),
            Map.entry("radio", "input[type=radio]"),
            Map.entry("slider", "input[type=range]"),
            Map.entry("heading", "h1, h2, h3"),
            Map.entry("table", "table"),
            Map.entry("list", "ul, ol"),
            Map.entry("alert", "[role=alert]"),
            Map.entry("status", "[role=status]"),
            Map.entry("dialog", "dialog[open]"),
            Map.entry("img", "[role=img]"));

    private final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** A fresh Chromium, or the test is skipped (failed under CI) with how to install one. */
    static Browser open() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            String missing = "BROWSER TESTS NOT RUN: Chromium and ChromeDriver are missing (" + CHROMIUM + ", "
                    + CHROMEDRIVER + "). Install them with: apt-get install chromium chromium-driver";
            System.err.println("\n\n*** " + missing + " ***\n\n");
            assertThat(System.getenv("CI")).as(missing).isNotEqualTo("true");
            Assumptions.abort(missing);
        }
        try {
            Path profile = Files.createTempDirectory("bunting-chromium");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments(
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--no-first-run",
                    "--window-size=1400,1000",
                    "--user-data-dir=" + profile,
                    // no lookups of outside hosts: the tests talk to the runner on this machine only
                    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost");
            LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.BROWSER, Level.ALL);
            options.setCapability("goog:loggingPrefs", logs);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort()
                    .build();
            return new Browser(new ChromeDriver(service, options), profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void go(String url) {
        driver.get(url);
    }

    ChromeDriver driver() {
        return driver;
    }

    Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    /** The one element with this role and accessible name, waiting for it to appear. */
    WebElement find(String role, String name) {
        return waitFor(() -> visible(role, name).stream().findFirst(), role + " named '" + name + "'");
    }

    /** Every visible element with this role and accessible name, now. */
    List<WebElement> visible(String role, String name) {
        String css = ROLES.get(role);
        if (css == null) {
            throw new IllegalArgumentException("no CSS for the role " + role);
        }
        try {
            return driver.findElements(By.cssSelector(css)).stream()
                    .filter(element -> name.equals(element.getAccessibleName().trim()))
                    .filter(element -> element.isDisplayed() || role.equals("checkbox") || role.equals("radio"))
                    .toList();
        } catch (StaleElementReferenceException e) {
            return List.of();
        }
    }

    /** Clicks the element once it can be used, as a person waits for a control to become enabled. */
    void click(String role, String name) {
        waitFor(
                        () -> visible(role, name).stream()
                                .filter(WebElement::isEnabled)
                                .findFirst(),
                        "an enabled " + role + " named '" + name + "'")
                .click();
    }

    void type(String role, String name, String text) {
        WebElement field = find(role, name);
        field.clear();
        field.sendKeys(text);
    }

    /** Waits until the page's text contains this. */
    void sees(String text) {
        waitFor(
                () -> Optional.of(text)
                        .filter(t ->
                                driver.findElement(By.tagName("body")).getText().contains(t)),
                "the text '" + text + "'");
    }

    <T> T waitFor(Supplier<Optional<T>> probe, String what) {
        return new FluentWait<>(probe)
                .withTimeout(PATIENCE)
                .pollingEvery(Duration.ofMillis(50))
                .ignoring(StaleElementReferenceException.class)
                .withMessage(() -> "waited " + PATIENCE.toSeconds() + " s for " + what + " at " + driver.getCurrentUrl()
                        + "; the page reads:\n"
                        + driver.findElement(By.tagName("body")).getText()
                        + "\nits console:\n" + String.join("\n", console()) + "\nits source:\n"
                        + driver.getPageSource())
                .until(p -> p.get().orElse(null));
    }

    /** Saves what the browser shows as {@code target/screenshots/<name>.png}. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Path saved = SCREENSHOTS.resolve(name + ".png");
            Files.copy(shot.toPath(), saved, StandardCopyOption.REPLACE_EXISTING);
            return saved;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** axe-core's serious and critical findings on the page as it is now. */
    List<String> accessibilityViolations() {
        Results results = new AxeBuilder().analyze(driver);
        return results.getViolations().stream()
                .filter(rule -> "serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact()))
                .map(Browser::describe)
                .toList();
    }

    private static String describe(Rule rule) {
        return rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + " at "
                + rule.getNodes().stream()
                        .map(node -> node.getTarget().toString())
                        .toList();
    }

    /** What the page wrote to the console since last asked, such as a refused script. */
    List<String> console() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .toList();
    }

    @Override
    public void close() {
        driver.quit();
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary profile left behind is harmless
        }
    }
}
