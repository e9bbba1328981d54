package dev.livechat.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.livechat.examples.BridgeExample.Line;
import dev.livechat.examples.BridgeExample.Mode;
import dev.livechat.examples.BridgeExample.Result;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link BridgeExample} against the in-process fake server, both ways back: every agent reply must
 * reach the user of its room exactly once, the webhook's retried deliveries included (the fake
 * posts and retries as {@code sendRequest} in {@code apps/meteor/app/livechat/server/lib/webhooks.ts}
 * does, and the example loses two of the bridge's 200 answers on purpose).
 */
class BridgeExampleTest {

  static Result run(Mode mode) throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
      Result result = BridgeExample.runWithFakeServer(mode, out);
      assertThat(printed.toString(StandardCharsets.UTF_8)).contains("done: 6 lines relayed to Livechat");
      return result;
    }
  }

  static void assertEveryReplyReachedItsUserOnce(Result result) {
    List<Line> written = BridgeExample.USERS.stream()
        .flatMap(user -> user.lines().stream().map(text -> new Line(user.phone(), text))).toList();
    assertThat(result.toLivechat()).containsExactlyInAnyOrderElementsOf(written);
    assertThat(result.agentReplies()).hasSize(written.size());
    // each reply names the line it answers, so equal lists mean: the right user, once each
    assertThat(result.toUsers()).containsExactlyInAnyOrderElementsOf(result.agentReplies());
    for (Line reply : result.toUsers()) {
      String answered = reply.text().substring(reply.text().indexOf('"') + 1, reply.text().lastIndexOf('"'));
      assertThat(written).contains(new Line(reply.phone(), answered));
    }
  }

  /**
   * The value of the sample {@code name} whose labels include {@code labels} ({@code key="value"}
   * each) in a Prometheus scrape; fails if there is none.
   */
  static double sample(String scrape, String name, String... labels) {
    return scrape.lines()
        .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
        .filter(line -> Arrays.stream(labels).allMatch(line::contains))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .findFirst()
        .orElseThrow(() -> new AssertionError(name + " " + Arrays.toString(labels) + " not in:\n" + scrape));
  }

  @Test
  void repliesComeBackByWebhookOnceEachDespiteRetries() throws Exception {
    Result result = run(Mode.WEBHOOK);
    assertEveryReplyReachedItsUserOnce(result);
    assertThat(result.duplicatesDropped()).isEqualTo(2);
  }

  @Test
  void metricsCountTheWebhooksAnswersAndTheClientsCalls() throws Exception {
    Result result = run(Mode.WEBHOOK);

    // every delivery answered 200 once; the two answers lost on purpose went out as 500
    assertThat(sample(result.metrics(), "bridge_webhook_answers_total", "status=\"200\""))
        .isEqualTo(result.agentReplies().size());
    assertThat(sample(result.metrics(), "bridge_webhook_answers_total", "status=\"500\"")).isEqualTo(2);
    assertThat(sample(result.metrics(), "livechat_client_requests_seconds_count", "method=\"POST\"",
        "route=\"livechat/message\"", "outcome=\"SUCCESS\"", "status=\"2xx\"")).isEqualTo(6);
  }

  @Test
  void repliesComeBackOverTheHubOnceEach() throws Exception {
    Result result = run(Mode.HUB);
    assertEveryReplyReachedItsUserOnce(result);
    assertThat(result.duplicatesDropped()).isZero();
    assertThat(sample(result.metrics(), "livechat_hub_rooms")).isEqualTo(BridgeExample.USERS.size());
    assertThat(sample(result.metrics(), "livechat_realtime_events_total", "type=\"MessageReceived\""))
        .isGreaterThanOrEqualTo(result.agentReplies().size());
  }
}
