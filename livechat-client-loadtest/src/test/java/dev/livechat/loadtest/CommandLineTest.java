package dev.livechat.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.livechat.client.testing.FakeLivechatServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line end to end, {@code --url} included, a fake standing in for the real server. */
class CommandLineTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return LoadTest.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), false);
  }

  @Test
  void aServerAtUrlIsLoadedWithSessionsOfTheOneAgentAccount(@TempDir Path report) throws Exception {
    // As a real server: auto selection (the fake's default), one agent account, a password.
    try (FakeLivechatServer server = FakeLivechatServer.start()) {
      server.agent("bot", "Load bot").password("s3cret-pass");
      int status = run("--url", server.url().toString(), "--agent-user", "bot", "--agent-password", "s3cret-pass",
          "--agents", "2", "--visitors", "3", "--duration", "10s", "--ramp", "300ms", "--messages", "2",
          "--think", "150ms", "--agent-delay", "50ms", "--seed", "5", "--no-progress", "--report",
          report.toString());

      String printed = out.toString(StandardCharsets.UTF_8);
      assertThat(status).as(printed + err.toString(StandardCharsets.UTF_8)).isZero();
      assertThat(printed).contains("Sending only to " + server.url(), "rate limiter counts per client address")
          .doesNotContain("s3cret-pass");
      Map<String, Object> s = Runs.read(report.resolve("summary.json"));
      assertThat(s.get("agents").toString()).contains("2 session(s) of agent bot");
      assertThat(Runs.number(s, "visitorsCompleted")).isEqualTo(3);
      assertThat(Runs.number(s, "agentMessages")).isEqualTo(6);
      assertThat(Runs.number(s, "lost")).isZero();
      assertThat(Runs.number(s, "duplicated")).isZero();
      assertThat(server.rooms()).hasSize(3).allSatisfy(room -> assertThat(room.open()).isFalse());
    }
  }

  @Test
  void maxDurationStopsTheRunAndTheReportSaysWhatRan(@TempDir Path report) throws Exception {
    // Think times far beyond the hard stop: every conversation is still under way at 2 s.
    int status = run("--visitors", "3", "--duration", "2s", "--max-duration", "2s", "--ramp", "200ms",
        "--think", "60s", "--agent-api", "in-process", "--no-progress", "--report", report.toString());

    assertThat(status).isZero();
    Map<String, Object> s = Runs.read(report.resolve("summary.json"));
    assertThat(s.get("stoppedBy")).isEqualTo("max-duration");
    assertThat(Runs.number(s, "visitorsAborted")).isEqualTo(3);
    assertThat(Runs.number(s, "visitorsChecked")).isZero();
    // the run lasted until the hard stop (no ceiling on wall time: a loaded machine adds to it)
    assertThat(Runs.number(s, "elapsedSeconds")).isGreaterThanOrEqualTo(2);
    assertThat(report.resolve("report.html")).exists();
  }

  @Test
  void helpAndMistakes() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("--visitors N", "--max-duration D");
    assertThat(run("--visitors", "many")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--visitors needs a whole number");
  }
}
