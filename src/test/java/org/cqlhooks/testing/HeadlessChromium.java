package org.cqlhooks.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium, headless, through /usr/bin/chromedriver (nothing is downloaded), for the page tests. Without
 * it {@link #driver()} is null and the tests skip themselves saying what to install; under CI=true it fails instead.
 */
public final class HeadlessChromium implements AutoCloseable {

    private static final Path CHROMIUM = Path.of(System.getProperty("demo.chromium", "/usr/bin/chromium"));
    private static final Path DRIVER = Path.of(System.getProperty("demo.chromedriver", "/usr/bin/chromedriver"));
    public static final String MISSING = "Chromium and ChromeDriver are needed at " + CHROMIUM + " and " + DRIVER
            + ": install Debian's packages with `apt-get install -y chromium chromium-driver`";

    private final WebDriver driver;
    private final Path profile;

    private HeadlessChromium(WebDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    public static HeadlessChromium start() throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(MISSING + " (CI=true: the browser test must run)");
            }
            return new HeadlessChromium(null, null); // each test then reports itself skipped, saying what to install
        }
        Path profile = Files.createTempDirectory("demo-chromium-");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile());
        // As the machine notes prescribe for root in a closed network: no sandbox, no GPU, no background traffic.
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1800", "--user-data-dir=" + profile);
        // An explicit driver executable: Selenium Manager is never asked to find or download one.
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        return new HeadlessChromium(new ChromeDriver(service, options), profile);
    }

    /** The browser, or null when Chromium is not installed. */
    public WebDriver driver() {
        return driver;
    }

    @Override
    public void close() throws IOException {
        if (driver != null) {
            driver.quit();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }
}
