package dev.livechat.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.livechat.client.testing.FakeLivechatServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agents a real server gets (LivechatAgent over the agent REST and DDP API), against the fake. */
class AgentApiTest {
  @Test
  void agentsOverTheAgentApiTakeEveryChatAndAnswerEveryMessage(@TempDir Path report) throws Exception {
    try (FakeLivechatServer server = FakeLivechatServer.start()) {
      Map<String, Object> s = Runs.run(Runs.small(report).withAgentsOverHttp(true), server);

      assertThat(s.get("agents").toString()).contains("LivechatAgent");
      assertThat(Runs.number(s, "visitorsCompleted")).isEqualTo(4);
      assertThat(Runs.number(s, "visitorMessages")).isEqualTo(8);
      assertThat(Runs.number(s, "agentMessages")).isEqualTo(8);
      assertThat(Runs.number(s, "repliesDelivered")).isEqualTo(8);
      assertThat(Runs.number(s, "lost")).isZero();
      assertThat(Runs.number(s, "duplicated")).isZero();
      assertThat(Runs.number(s, "errorCount")).as(String.valueOf(s.get("errors"))).isZero();
      Map<String, Object> latency = Runs.map(s, "latencyMs");
      assertThat(Runs.number(Runs.map(latency, Metrics.QUEUE_WAIT), "count")).isEqualTo(4);
      assertThat(Runs.number(Runs.map(latency, Metrics.VISITOR_TO_AGENT), "count")).isEqualTo(8);
    }
  }
}
