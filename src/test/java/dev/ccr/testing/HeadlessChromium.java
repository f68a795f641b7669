package dev.ccr.testing;

import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Debian's headless Chromium driven by its chromedriver, with a fresh profile each time; a test that needs it is
 * skipped (an assumption, not a failure) when either binary is missing. {@code .ci/run} installs both.
 */
public final class HeadlessChromium implements AutoCloseable {
    private static final List<String> CHROMIUM = List.of("/usr/bin/chromium", "/usr/lib/chromium/chromium");
    private static final List<String> DRIVER = List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");
    /** The longest a page may take to show what a test waits for; the pages poll every few seconds. */
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    /** Selenium warns on every start that it has no DevTools binding for this Chromium; the tests use none. */
    private static final java.util.logging.Logger QUIET_DEVTOOLS = quiet("org.openqa.selenium.devtools");

    private final ChromeDriver driver;
    private final Path profile;

    private HeadlessChromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Starts Chromium with a window of {@code width}×{@code height}, or skips the test when it is not installed. */
    public static HeadlessChromium start(int width, int height) {
        Optional<String> chromium = firstExisting(CHROMIUM);
        Optional<String> chromedriver = firstExisting(DRIVER);
        assumeTrue(chromium.isPresent() && chromedriver.isPresent(), "chromium and chromedriver are not installed");
        try {
            Path profile = Files.createTempDirectory("ccr-chromium");
            ChromeOptions options = new ChromeOptions().setBinary(chromium.get()).addArguments(
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--hide-scrollbars", "--user-data-dir=" + profile,
                    "--window-size=" + width + "," + height);
            LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.BROWSER, Level.ALL);
            options.setCapability("goog:loggingPrefs", logs);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(Path.of(chromedriver.get()).toFile()).usingAnyFreePort().build();
            return new HeadlessChromium(new ChromeDriver(service, options), profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(Level.SEVERE);
        return logger;
    }

    private static Optional<String> firstExisting(List<String> paths) {
        return paths.stream().filter(p -> Files.isExecutable(Path.of(p))).findFirst();
    }

    public ChromeDriver driver() {
        return driver;
    }

    public void open(String url) {
        driver.get(url);
    }

    /** Waits until {@code condition} holds (or fails the test after {@link #PATIENCE}). */
    public <T> T until(ExpectedCondition<T> condition) {
        try {
            // A page re-renders as its data arrives: an element found a moment ago may have been replaced.
            return new WebDriverWait(driver, PATIENCE).ignoring(StaleElementReferenceException.class).until(condition);
        } catch (TimeoutException e) {
            throw new AssertionError("The page did not get there; its console said:\n"
                    + String.join("\n", driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(Object::toString).toList())
                    + "\nand it shows:\n" + driver.findElement(By.tagName("body")).getText(), e);
        }
    }

    public WebElement find(String css) {
        return until(d -> d.findElement(By.cssSelector(css)));
    }

    /** Saves a PNG of the page as the browser shows it. */
    public void screenshot(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a leftover temp profile is harmless
            }
        }
    }
}
