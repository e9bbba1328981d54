package dev.livechat.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.livechat.client.testing.FakeLivechatServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryShapeTest {
  @Test
  void summaryJsonHoldsTheCountsAndEveryMeasuresPercentiles(@TempDir Path report) throws Exception {
    try (FakeLivechatServer server = FakeLivechatServer.start()) {
      Map<String, Object> s = Runs.run(Runs.small(report), server);

      assertThat(s).containsKeys("tool", "startedAt", "elapsedSeconds", "stoppedBy", "target", "agents", "options",
          "visitors", "visitorsCompleted", "visitorsFailed", "visitorsAborted", "visitorsNotStarted",
          "visitorsChecked", "messages", "visitorMessages", "agentMessages", "repliesDelivered", "messagesPerSecond",
          "lost", "duplicated", "outOfOrder", "check", "calls", "http429", "rateLimitWaitMs", "errorCount", "errors",
          "latencyMs", "process");
      assertThat(s.get("stoppedBy")).isEqualTo("completed");
      assertThat(Runs.number(s, "visitors")).isEqualTo(4);
      assertThat(Runs.number(s, "visitorsCompleted")).isEqualTo(4);
      assertThat(Runs.number(s, "visitorsChecked")).isEqualTo(4);
      assertThat(Runs.number(s, "messages")).isEqualTo(16);
      assertThat(Runs.number(s, "repliesDelivered")).isEqualTo(8);
      assertThat(Runs.number(s, "http429")).isZero();
      assertThat(Runs.number(s, "errorCount")).isZero();
      assertThat(Runs.number(Runs.map(s, "options"), "seed")).isEqualTo(42);

      Map<String, Object> latency = Runs.map(s, "latencyMs");
      assertThat(latency).containsKeys(Metrics.VISITOR_TO_AGENT, Metrics.AGENT_TO_VISITOR, Metrics.QUEUE_WAIT,
          Metrics.FIRST_RESPONSE, Metrics.VISITOR_START, "POST livechat/visitor", "GET livechat/room",
          "POST livechat/message", "GET livechat/messages.history/:rid", "POST livechat/room.close");
      latency.forEach((name, value) -> {
        @SuppressWarnings("unchecked")
        Map<String, Object> p = (Map<String, Object>) value;
        assertThat(p).as(name).containsOnlyKeys("count", "mean", "p50", "p90", "p99", "max");
        assertThat(Runs.number(p, "p50")).as(name).isLessThanOrEqualTo(Runs.number(p, "p90"));
        assertThat(Runs.number(p, "p90")).as(name).isLessThanOrEqualTo(Runs.number(p, "p99"));
        assertThat(Runs.number(p, "p99")).as(name).isLessThanOrEqualTo(Runs.number(p, "max"));
      });
      assertThat(Runs.number(Runs.map(latency, Metrics.VISITOR_TO_AGENT), "count")).isEqualTo(8);
      assertThat(Runs.number(Runs.map(latency, Metrics.AGENT_TO_VISITOR), "count")).isEqualTo(8);
      assertThat(Runs.number(Runs.map(latency, Metrics.FIRST_RESPONSE), "count")).isEqualTo(4);

      Map<String, Object> process = Runs.map(s, "process");
      assertThat(process).containsKeys("cores", "processCpuMs", "processCpuPercentOfMachine", "heapPeakMb",
          "heapMbPerVisitor", "rssPeakMb", "threadsPeak", "peakConcurrentVisitors", "cpuMsByThreadGroup",
          "cpuMsOfFakeServerThreads", "cpuPercentOfMachineWithoutFakeServerThreads");

      String html = Files.readString(report.resolve("report.html"), StandardCharsets.UTF_8);
      // One file, nothing fetched: no stylesheet, script or image from anywhere.
      assertThat(java.util.regex.Pattern.compile("(src|href)\\s*=").matcher(html).find()).as("a src or href").isFalse();
      assertThat(html.contains("<link")).as("a <link>").isFalse();
      for (String kind : new String[] {"over-time", "throughput", "distribution", "errors"}) {
        assertThat(html.contains("data-kind=\"" + kind + "\"")).as("a plot of kind " + kind).isTrue();
      }
    }
  }
}
