package dev.livechat.loadtest;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar livechat-loadtest.jar --visitors 50 --duration 20s --report target/lt}: a load
 * test of the Livechat visitor path; {@code --help} lists the options ({@link Options#USAGE}).
 *
 * <p>It stops by itself ({@code --max-duration}, default 10 minutes) and on Ctrl-C (a shutdown
 * hook stops the visitors, then checks and reports what ran). It sends nowhere but the URL given
 * ({@code --url}) or, by default, the embedded fake on a loopback port. Exit status: 0 when no
 * message was lost or duplicated (errors and 429s are reported, not fatal), 1 when some was, 2 for
 * a bad command line, 3 when the run itself failed.
 *
 * <p>What it measures, and how: {@link Metrics}; how a conversation is checked: {@link Ledger};
 * the agents: {@link ScriptedAgents}; the files: {@link Report}.
 */
public final class LoadTest {
  private LoadTest() {}

  public static void main(String[] args) {
    int status = run(args, System.out, System.err, System.console() != null);
    System.exit(status);
  }

  /** Runs the command line; returns the exit status. */
  static int run(String[] args, PrintStream out, PrintStream err, boolean terminal) {
    Options options;
    try {
      options = Options.parse(args);
    } catch (Options.HelpRequested e) {
      out.println(Options.USAGE);
      return 0;
    } catch (IllegalArgumentException e) {
      err.println("livechat-loadtest: " + e.getMessage());
      err.println("Try --help.");
      return 2;
    }
    LoadRun.Target target;
    if (options.url() == null) {
      target = EmbeddedTarget.start(options);
    } else {
      try {
        target = RemoteTarget.of(options);
      } catch (IllegalArgumentException | UnsupportedOperationException e) {
        err.println("livechat-loadtest: " + e.getMessage());
        return 2;
      }
    }
    try {
      Map<String, Object> summary = execute(options, target, out, err, terminal);
      return ((Number) summary.get("lost")).longValue() == 0 && ((Number) summary.get("duplicated")).longValue() == 0
          ? 0 : 1;
    } catch (Exception e) {
      err.println("livechat-loadtest: the run failed: " + e);
      e.printStackTrace(err);
      return 3;
    }
  }

  /**
   * Runs one load test against {@code target} (closed at the end), writes summary.json and
   * report.html into {@code options.report()}, and returns summary.json's content. Ctrl-C during
   * the run stops it and still writes the report of what ran.
   */
  static Map<String, Object> execute(Options options, LoadRun.Target target, PrintStream out, PrintStream err,
      boolean terminal) throws Exception {
    out.println("livechat-loadtest: " + options.visitors() + " visitors against " + target.describe());
    if (options.url() != null) {
      out.println("  Sending only to " + options.url() + ". Its rate limiter counts per client address: all "
          + options.visitors() + " visitors share this machine's, so expect 429s unless the limits are raised for it.");
    } else {
      out.println("  Loopback only. The fake's rate limiter is " + (options.rateLimits() ? "on" : "off")
          + " (a real server's counts per client address, and every visitor here shares one).");
    }
    out.println("  seed " + options.seed() + "; report in " + options.report().toAbsolutePath());
    LoadRun run = new LoadRun(options, target);
    CountDownLatch reported = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      try {
        if (!run.awaitFinished(Duration.ZERO)) {
          err.println();
          err.println("livechat-loadtest: interrupted; stopping the visitors and writing the report of what ran");
          run.stop(LoadRun.Stop.INTERRUPTED);
        }
        reported.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "loadtest-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      LoadRun.Result result = run.run(options.progress() ? new Progress(out, terminal) : null);
      Map<String, Object> summary = Report.write(result, options.report());
      print(summary, options, out);
      reported.countDown();
      return summary;
    } finally {
      reported.countDown();
      run.close(err);
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // shutting down: the hook is running
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static void print(Map<String, Object> s, Options options, PrintStream out) throws IOException {
    out.println("stopped: " + s.get("stoppedBy") + " after " + s.get("elapsedSeconds") + " s; visitors "
        + s.get("visitors") + " (completed " + s.get("visitorsCompleted") + ", failed " + s.get("visitorsFailed")
        + ", aborted " + s.get("visitorsAborted") + ", not started " + s.get("visitorsNotStarted") + ")");
    out.println("messages " + s.get("messages") + " (" + s.get("messagesPerSecond") + "/s); lost " + s.get("lost")
        + ", duplicated " + s.get("duplicated") + ", out of order " + s.get("outOfOrder") + "; 429s "
        + s.get("http429") + "; errors " + s.get("errorCount") + " " + s.get("errors"));
    Map<String, Map<String, Object>> latency = (Map<String, Map<String, Object>>) s.get("latencyMs");
    latency.forEach((name, p) -> out.printf("  %-40s n=%-7s p50 %8s  p90 %8s  p99 %8s  max %8s ms%n", name,
        p.get("count"), Json.compact(p.get("p50")), Json.compact(p.get("p90")), Json.compact(p.get("p99")),
        Json.compact(p.get("max"))));
    Map<String, Object> process = (Map<String, Object>) s.get("process");
    out.println("process: CPU " + process.get("processCpuPercentOfMachine") + "% of " + process.get("cores")
        + " cores (" + process.get("cpuPercentOfMachineWithoutFakeServerThreads") + "% without an embedded fake's"
        + " MockWebServer threads), heap peak " + process.get("heapPeakMb") + " MB (" + process.get("heapMbPerVisitor")
        + " MB/visitor), RSS peak " + process.get("rssPeakMb") + " MB, threads peak " + process.get("threadsPeak"));
    out.println("report: " + options.report().resolve("report.html").toAbsolutePath());
  }
}
