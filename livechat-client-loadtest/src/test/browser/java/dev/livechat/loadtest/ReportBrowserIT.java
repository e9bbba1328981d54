package dev.livechat.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.livechat.client.testing.FakeLivechatServer;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * A short load test, then its report.html in headless Chromium (Debian's chromium and
 * chromedriver, so that Selenium Manager never runs and nothing is downloaded): the page renders,
 * every plot is drawn, the table, the plots and the headline hold summary.json's numbers, the
 * browser logged no error, and a screenshot is saved as {@code target/report-screenshot.png}.
 */
class ReportBrowserIT {
  /** Selenium looks for a DevTools binding of this Chromium's version and says it found none; kept referenced so the level holds. */
  private static final Logger CDP_VERSION_FINDER = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

  static {
    CDP_VERSION_FINDER.setLevel(Level.SEVERE);
  }

  @Test
  void theReportRendersWithTheRunsNumbers() throws Exception {
    Path output = Path.of(System.getProperty("browser.output", "target"));
    Path report = output.resolve("browser-report");
    Map<String, Object> summary;
    try (FakeLivechatServer server = FakeLivechatServer.start()) {
      Options options = Runs.small(report).withVisitors(12).withDuration(Duration.ofSeconds(15))
          .withRamp(Duration.ofSeconds(2)).withMessages(3, Duration.ofMillis(300));
      summary = Runs.run(options, server);
    }
    assertThat(Runs.number(summary, "lost")).isZero();

    ChromeOptions chrome = new ChromeOptions();
    chrome.setBinary(new File(System.getProperty("browser.chrome", "/usr/bin/chromium")));
    Path profile = Files.createTempDirectory(output, "chromium-profile-");
    chrome.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + profile, "--window-size=1280,2400", "--hide-scrollbars", "--allow-file-access-from-files");
    chrome.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(System.getProperty("browser.chromedriver", "/usr/bin/chromedriver")))
        .usingAnyFreePort()
        .withLogFile(output.resolve("chromedriver.log").toFile())
        .build();
    ChromeDriver driver = new ChromeDriver(service, chrome);
    try {
      driver.get(report.resolve("report.html").toUri().toString());
      assertThat(driver.getTitle()).isEqualTo("Livechat load test report");

      // The headline holds the counts.
      for (String id : List.of("visitors", "messages", "lost", "duplicated", "http429", "errorCount")) {
        assertThat(driver.findElement(By.cssSelector("#card-" + id + " b")).getText()).as(id)
            .isEqualTo(Json.compact(summary.get(id)));
      }

      // Every measure: its row, its plot over time and its distribution say summary.json's percentiles.
      Map<String, Object> latency = Runs.map(summary, "latencyMs");
      assertThat(latency).containsKeys(Metrics.VISITOR_TO_AGENT, Metrics.AGENT_TO_VISITOR, "POST livechat/message");
      for (Map.Entry<String, Object> e : latency.entrySet()) {
        String name = e.getKey();
        @SuppressWarnings("unchecked")
        Map<String, Object> p = (Map<String, Object>) e.getValue();
        WebElement row = driver.findElement(By.cssSelector("#latency tr[data-measure='" + name + "']"));
        for (String k : List.of("p50", "p90", "p99", "max")) {
          double expected = Runs.number(p, k);
          assertThat(Double.parseDouble(row.findElement(By.cssSelector("td." + k)).getText())).as(name + " " + k)
              .isEqualTo(expected);
          assertThat(Double.parseDouble(row.getAttribute("data-" + k))).as(name + " data-" + k).isEqualTo(expected);
        }
        WebElement distribution = driver.findElement(
            By.cssSelector("svg[data-kind='distribution'][data-measure='" + name + "']"));
        assertThat(Double.parseDouble(distribution.getAttribute("data-p99"))).as(name).isEqualTo(Runs.number(p, "p99"));
        assertThat(Double.parseDouble(distribution.getAttribute("data-max"))).as(name).isEqualTo(Runs.number(p, "max"));
        WebElement overTime = driver.findElement(By.cssSelector("svg[data-kind='over-time'][data-measure='" + name + "']"));
        assertThat(Double.parseDouble(overTime.getAttribute("data-p99"))).as(name).isEqualTo(Runs.number(p, "p99"));
        // The distribution's last point is the max, its p99 point the p99.
        String points = distribution.findElement(By.cssSelector("polyline")).getAttribute("data-points");
        assertThat(points).as(name).contains("99:" + Svg.number(Runs.number(p, "p99")))
            .endsWith("100:" + Svg.number(Runs.number(p, "max")));
      }

      // The plots are drawn: each SVG has a size on the page and lines in it.
      List<WebElement> charts = driver.findElements(By.cssSelector("svg.chart"));
      assertThat(charts).hasSizeGreaterThanOrEqualTo(2 * latency.size() + 3);
      for (WebElement chart : charts) {
        assertThat(chart.getRect().getWidth()).isGreaterThan(100);
        assertThat(chart.findElements(By.cssSelector("polyline"))).isNotEmpty();
      }
      WebElement throughput = driver.findElement(By.cssSelector("svg[data-kind='throughput']"));
      assertThat(Double.parseDouble(throughput.getAttribute("data-messages"))).isEqualTo(Runs.number(summary, "messages"));
      String visitorSeries = throughput.findElement(By.cssSelector("polyline[data-series='visitor']"))
          .getAttribute("data-points");
      double perSecondSum = 0;
      for (String point : visitorSeries.split(" ")) {
        perSecondSum += Double.parseDouble(point.substring(point.indexOf(':') + 1));
      }
      assertThat(perSecondSum).as("the throughput plot adds up to the visitor messages")
          .isEqualTo(Runs.number(summary, "visitorMessages"));

      // The embedded summary is the file's.
      Object embedded = ((JavascriptExecutor) driver).executeScript(
          "return JSON.parse(document.getElementById('summary').textContent).latencyMs.visitorToAgent.p99;");
      assertThat(((Number) embedded).doubleValue()).isEqualTo(Runs.number(Runs.map(latency, Metrics.VISITOR_TO_AGENT), "p99"));

      List<LogEntry> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
          .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
      assertThat(errors).as("browser errors").isEmpty();

      Path shot = output.resolve("report-screenshot.png");
      Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), shot, StandardCopyOption.REPLACE_EXISTING);
      assertThat(Files.size(shot)).isGreaterThan(10_000);
    } finally {
      driver.quit();
    }
  }
}
