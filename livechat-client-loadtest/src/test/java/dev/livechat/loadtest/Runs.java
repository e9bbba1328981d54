package dev.livechat.loadtest;

import com.squareup.moshi.Moshi;
import dev.livechat.client.testing.FakeAgent;
import dev.livechat.client.testing.FakeLivechatServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** Short load tests against a fake the test holds, for the tests of the tool itself. */
final class Runs {
  private Runs() {}

  /**
   * A few visitors, two messages each, quick agents: a run of a few seconds. The agents are the
   * fake's in-process ones, whose replies a test can tamper with ({@link #run(Options,
   * FakeLivechatServer, FakeServerAgents.ReplySender)}).
   */
  static Options small(Path report) {
    return Options.defaults()
        .withVisitors(4)
        // Every message due well within the load phase even on a slow, shared machine; the run
        // ends as soon as the conversations do.
        .withDuration(Duration.ofSeconds(10))
        .withRamp(Duration.ofMillis(400))
        .withMessages(2, Duration.ofMillis(150))
        .withAgents(2, Duration.ofMillis(50))
        .withReplyTimeout(Duration.ofSeconds(5))
        .withSeed(42)
        .withReport(report)
        .withProgress(false)
        .withAgentsOverHttp(false);
  }

  /** Runs {@code options} against {@code server}, its agents replying with {@code sender}; summary.json as read back. */
  static Map<String, Object> run(Options options, FakeLivechatServer server, FakeServerAgents.ReplySender sender)
      throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
    LoadTest.execute(options, new EmbeddedTarget(server, options, sender, false), print, print, false);
    return read(options.report().resolve("summary.json"));
  }

  static Map<String, Object> run(Options options, FakeLivechatServer server) throws Exception {
    return run(options, server, FakeAgent::reply);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> read(Path json) throws IOException {
    return (Map<String, Object>) new Moshi.Builder().build().adapter(Object.class)
        .fromJson(Files.readString(json, StandardCharsets.UTF_8));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Map<String, Object> parent, String key) {
    return (Map<String, Object>) parent.get(key);
  }

  static double number(Map<String, Object> parent, String key) {
    return ((Number) parent.get(key)).doubleValue();
  }
}
