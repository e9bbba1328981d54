package dev.livechat.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.livechat.client.model.Message;
import dev.livechat.client.testing.FakeLivechatServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LossAccountingTest {
  /** The reply to visitor 0's first message. */
  private static final String VICTIM = Ledger.replyText(0, 1);

  @Test
  void aReplyTheServerLosesCountsAsOneLostMessage(@TempDir Path report) throws Exception {
    try (FakeLivechatServer server = FakeLivechatServer.start()) {
      // The fake accepts the reply, pushes it, then loses it from its store (and says so on the
      // stream): the history no longer holds it.
      Map<String, Object> summary = Runs.run(Runs.small(report), server, (agent, roomId, text) -> {
        Message stored = agent.reply(roomId, text);
        if (text.equals(VICTIM)) {
          agent.delete(stored.id());
        }
        return stored;
      });

      assertThat(Runs.number(summary, "lost")).as(String.valueOf(summary)).isEqualTo(1);
      assertThat(Runs.number(summary, "duplicated")).isZero();
      Map<String, Object> check = Runs.map(summary, "check");
      assertThat(Runs.number(check, "lostFromHistory")).isEqualTo(1);
      assertThat(Runs.number(check, "lostInRealtime")).isZero();
      @SuppressWarnings("unchecked")
      List<String> findings = (List<String>) check.get("findings");
      assertThat(findings).singleElement().asString().contains("agent reply r1 accepted but not in the history");
    }
  }

  @Test
  void aReplyStoredTwiceCountsAsOneDuplicatedMessage(@TempDir Path report) throws Exception {
    try (FakeLivechatServer server = FakeLivechatServer.start()) {
      Map<String, Object> summary = Runs.run(Runs.small(report), server, (agent, roomId, text) -> {
        Message stored = agent.reply(roomId, text);
        if (text.equals(VICTIM)) {
          agent.reply(roomId, text); // a second message, its own id, the same reply
        }
        return stored;
      });

      assertThat(Runs.number(summary, "duplicated")).isEqualTo(1);
      assertThat(Runs.number(summary, "lost")).isZero();
      Map<String, Object> check = Runs.map(summary, "check");
      assertThat(Runs.number(check, "duplicatedInHistory")).isEqualTo(1);
      assertThat(Runs.number(check, "duplicatedInRealtime")).isEqualTo(1);
    }
  }

  @Test
  void aReplyNeverSentIsLostAndTheVisitorGivesUpAfterItsTimeout(@TempDir Path report) throws Exception {
    try (FakeLivechatServer server = FakeLivechatServer.start()) {
      Options options = Runs.small(report).withReplyTimeout(java.time.Duration.ofSeconds(1));
      // The server answers the reply to visitor 0's first message as accepted, then neither
      // stores nor pushes it (played by a sender that returns without sending).
      Map<String, Object> summary = Runs.run(options, server, (agent, roomId, text) -> text.equals(VICTIM)
          ? new Message("never-sent", roomId, text, null, null, null, null, null, null, null, null)
          : agent.reply(roomId, text));

      assertThat(Runs.number(summary, "lost")).isEqualTo(1);
      Map<String, Object> check = Runs.map(summary, "check");
      assertThat(Runs.number(check, "lostFromHistory")).isEqualTo(1);
      assertThat(Runs.number(check, "lostInRealtime")).isEqualTo(1);
      assertThat(Runs.map(summary, "errors")).containsEntry("reply-timeout", 1.0);
    }
  }
}
