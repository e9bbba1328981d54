package dev.livechat.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.livechat.client.testing.FakeLivechatServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeasurementTest {
  private static final Duration DELAY = Duration.ofMillis(300);

  @Test
  void aServerDelayShowsInEveryRouteAndInTheConversationMeasures(@TempDir Path report) throws Exception {
    try (FakeLivechatServer server = FakeLivechatServer.start()) {
      Options options = Runs.small(report).withServerDelay(DELAY);
      Map<String, Object> summary = Runs.run(options, server);

      double delay = DELAY.toMillis();
      Map<String, Object> latency = Runs.map(summary, "latencyMs");
      for (String route : new String[] {"POST livechat/visitor", "GET livechat/room", "POST livechat/message",
          "POST livechat/room.close"}) {
        Map<String, Object> p = Runs.map(latency, route);
        assertThat(p).as(route).isNotNull();
        // Each answer waits DELAY on the fake: the route's p50 is at least that. No upper bound: a
        // loaded machine adds time, so any ceiling is a timing assertion that flakes.
        assertThat(Runs.number(p, "p50")).as(route + " p50").isGreaterThanOrEqualTo(delay);
        assertThat(Runs.number(p, "max")).as(route + " max").isGreaterThanOrEqualTo(Runs.number(p, "p99"));
      }
      // Arrival to realtime caught up takes register, open room and two history loads: four delayed answers.
      assertThat(Runs.number(Runs.map(latency, Metrics.VISITOR_START), "p50")).isGreaterThanOrEqualTo(delay * 4);
      // Visitor to agent is measured for every message (no ceiling on it: see above).
      Map<String, Object> toAgent = Runs.map(latency, Metrics.VISITOR_TO_AGENT);
      assertThat(toAgent).as(Metrics.VISITOR_TO_AGENT).isNotNull();
      assertThat(Runs.number(toAgent, "count")).isEqualTo(8);
      assertThat(Runs.number(toAgent, "p50")).isGreaterThanOrEqualTo(0);
      assertThat(Runs.number(summary, "lost")).isZero();
      assertThat(Runs.number(summary, "duplicated")).isZero();
      assertThat(Runs.number(summary, "visitorMessages")).isEqualTo(8);
      assertThat(Runs.number(summary, "agentMessages")).isEqualTo(8);
    }
  }
}
