package org.equilibrium.web;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Debian's headless Chromium driven through Debian's chromedriver. Both paths are given explicitly, so
 * Selenium Manager never looks for (or downloads) a browser or driver. A missing package is a clear
 * error naming it ({@code ./equilibrium test} installs both).
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    final WebDriver driver;
    private final String baseUrl;
    private final Path profileDir;
    final Path downloadDir;

    /**
     * @param baseUrl the service's root URL, e.g. {@code http://127.0.0.1:8123}
     * @param width   window width in CSS pixels (390 for a phone, 1366 for a desktop)
     * @param height  window height
     */
    Browser(String baseUrl, int width, int height) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("browser tests need Debian's chromium and chromium-driver: "
                    + "sudo apt-get install -y chromium chromium-driver (./equilibrium test installs them)");
        }
        this.baseUrl = baseUrl;
        try {
            this.profileDir = Files.createTempDirectory("equilibrium-chromium-");
            this.downloadDir = Files.createTempDirectory("equilibrium-downloads-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-extensions", "--disable-default-apps", "--password-store=basic",
                "--user-data-dir=" + profileDir, "--window-size=" + width + "," + height, "--lang=en-GB");
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("download.default_directory", downloadDir.toString());
        prefs.put("download.prompt_for_download", false);
        prefs.put("safebrowsing.enabled", false);
        options.setExperimentalOption("prefs", prefs);
        if (width < 600) {
            // a phone: headless windows do not get narrower than ~500 px, so emulate the device's viewport
            options.setExperimentalOption("mobileEmulation", Map.of("deviceMetrics",
                    Map.of("width", width, "height", height, "pixelRatio", 2.0, "touch", true)));
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
    }

    void open(String path) {
        driver.get(baseUrl + path);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    WebElement byId(String id) {
        return driver.findElement(By.id(id));
    }

    /** Waits until {@code condition} returns a non-null, non-false value. */
    <T> T await(Duration timeout, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, timeout, Duration.ofMillis(150)).until(condition);
    }

    WebElement awaitVisible(String css, Duration timeout) {
        return await(timeout, ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    void awaitText(String css, String text, Duration timeout) {
        await(timeout, ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
    }

    void awaitUrlEnding(String suffix, Duration timeout) {
        await(timeout, d -> d.getCurrentUrl().contains(suffix));
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /** The page's visible text, for "never appears on the page" checks. */
    String pageText() {
        return find("body").getText();
    }

    /** Signs in through the form, as a person would. */
    void signIn(String username, String password) {
        open("/app/index.html");
        awaitVisible("#username", Duration.ofSeconds(10)).clear();
        byId("username").sendKeys(username);
        byId("password").clear();
        byId("password").sendKeys(password);
        byId("signin-submit").click();
    }

    void signOut() {
        byId("sign-out").click();
        awaitUrlEnding("/app/index.html", Duration.ofSeconds(10));
    }

    /** Saves a PNG of the viewport to target/screenshots/{name}.png. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Resizes the window to show the whole page height (for full-page screenshots). */
    void fitHeight(int width) {
        Number height = (Number) script("return Math.ceil(document.documentElement.scrollHeight)");
        if (width < 600) {
            // emulated phone: scroll to the top instead, the viewport size is fixed by the emulation
            script("window.scrollTo(0, 0)");
            return;
        }
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, Math.min(4000, height.intValue() + 120)));
        script("window.scrollTo(0, 0)");
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteTree(profileDir);
            deleteTree(downloadDir);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir left behind is harmless
        }
    }
}
