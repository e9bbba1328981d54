package dev.livechat.client.testing.widget;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
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

  /** Opens {@code page} and waits for the widget's button in its frame. */
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

  /** Waits until {@code by} matches nothing visible in the current frame. */
  void gone(By by) {
    new WebDriverWait(driver, WAIT).until(ExpectedConditions.invisibilityOfElementLocated(by));
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

  /** What the browser did so far (the logs read up to the last screenshot or {@link #drain}). */
  BrowserTraffic traffic() {
    return traffic;
  }

  /** Reads the browser's logs now. */
  void drain(String label) {
    traffic.drain(driver, label);
  }

  /** The screenshots taken, in order. */
  List<Path> screenshots() throws IOException {
    try (var files = Files.list(screenshots)) {
      return files.sorted().toList();
    }
  }

  @Override
  public void close() {
    driver.quit();
  }

  static Path file(String property, String fallback) {
    return new File(System.getProperty(property, fallback)).toPath();
  }
}
