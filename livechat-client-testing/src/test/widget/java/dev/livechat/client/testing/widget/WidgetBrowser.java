package dev.livechat.client.testing.widget;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import okhttp3.HttpUrl;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium driven through ChromeDriver, both the binaries given (Debian's by default), so
 * that Selenium Manager never runs and nothing is downloaded. It opens the page embedding the
 * widget, acts inside the widget's frame, waits with timeouts (never sleeps) and takes screenshots.
 */
final class WidgetBrowser implements AutoCloseable {
  /**
   * Selenium looks for a DevTools binding of this Chromium's version, finds none (none is a
   * dependency: the run reads the DevTools events through ChromeDriver's logs) and says so; kept
   * referenced so the level holds.
   */
  private static final Logger CDP_VERSION_FINDER = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

  static {
    CDP_VERSION_FINDER.setLevel(Level.SEVERE);
  }

  /** How long any one thing may take to show in the widget. */
  static final Duration WAIT = Duration.ofSeconds(20);

  private final ChromeDriver driver;
  private final Path screenshots;
  private final BrowserTraffic traffic;
  private int shots;

  private WidgetBrowser(ChromeDriver driver, Path output) {
    this.driver = driver;
    this.screenshots = output.resolve("screenshots");
    this.traffic = new BrowserTraffic(output.resolve("traffic.log"));
  }

  /**
   * Starts Chromium headless with a fresh profile under {@code output}.
   *
   * @param chrome the Chromium binary
   * @param chromedriver the ChromeDriver binary of the same version
   */
  static WidgetBrowser start(Path chrome, Path chromedriver, Path output) throws IOException {
    Files.createDirectories(output);
    Path profile = Files.createTempDirectory(output, "chromium-profile-");
    Files.deleteIfExists(output.resolve("traffic.log"));
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chrome.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + profile, "--window-size=1280,800",
        // The widget's frame is cross-site (localhost in a 127.0.0.1 page): in a process of its own,
        // ChromeDriver's performance log would not see its requests and WebSocket frames.
        "--disable-site-isolation-trials", "--disable-features=IsolateOrigins,site-per-process",
        // The widget plays a chime for new messages; no user gesture is needed in a test.
        "--autoplay-policy=no-user-gesture-required");
    options.setCapability("goog:loggingPrefs", Map.of("performance", "ALL", "browser", "ALL"));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(chromedriver.toFile())
        .usingAnyFreePort()
        .withLogFile(output.resolve("chromedriver.log").toFile())
        .build();
    return new WidgetBrowser(new ChromeDriver(service, options), output);
  }

  /** Opens {@code page}. */
  void open(HttpUrl page) {
    driver.get(page.toString());
  }

  /** Runs {@code action} inside the widget's frame (the iframe the snippet's script adds). */
  <T> T inWidget(Function<WebDriver, T> action) {
    WebElement frame = new WebDriverWait(driver, WAIT)
        .until(ExpectedConditions.presenceOfElementLocated(By.id("rocketchat-iframe")));
    driver.switchTo().frame(frame);
    try {
      return action.apply(driver);
    } finally {
      driver.switchTo().defaultContent();
    }
  }

  /** The element {@code by} in the widget, once visible. */
  WebElement visible(By by) {
    return new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  /**
   * Notes in the widget's frame whether an element matching {@code css} ever appears from now on
   * ({@link #appeared}), so that a thing that must not show can be checked without waiting.
   */
  void watchFor(String css) {
    inWidget(d -> ((JavascriptExecutor) d).executeScript(
        "window.__seen = window.__seen || {};"
            + "const css = arguments[0]; window.__seen[css] = !!document.querySelector(css);"
            + "new MutationObserver(() => { if (document.querySelector(css)) window.__seen[css] = true; })"
            + ".observe(document.body, {subtree: true, childList: true, attributes: true});", css));
  }

  /** Whether an element matching {@code css} appeared since {@link #watchFor}. */
  boolean appeared(String css) {
    return inWidget(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
        "return !!(window.__seen && window.__seen[arguments[0]]);", css)));
  }

  /** Saves a PNG of the page as {@code NN-name.png} and returns its path; reads the browser's logs too. */
  Path screenshot(String name) {
    traffic.drain(driver, name);
    try {
      Files.createDirectories(screenshots);
      Path target = screenshots.resolve(String.format("%02d-%s.png", ++shots, name));
      Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What the browser did so far (the logs are read at each screenshot). */
  BrowserTraffic traffic() {
    return traffic;
  }

  @Override
  public void close() {
    driver.quit();
  }

  static Path file(String property, String fallback) {
    return new File(System.getProperty(property, fallback)).toPath();
  }
}
